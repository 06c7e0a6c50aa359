//! Views of the budget pages: a plan's budget overview (with a bar chart drawn here as SVG), one
//! page per budget programme and per ministry across plans, the budget index, and the funding
//! shown on measure and institution pages.
//!
//! Amounts are shown the Latvian way ("1 007 141 €") from whole cents. A row read as "budžeta
//! ietvaros" has no amount: the pages say the measure is paid from the programme's existing
//! budget, never that it costs nothing.

use super::{document, Link, Page, PageHead, Pages};
use crate::model::budget::{Cents, FundingKind, FundingLine, Ministry, Period};
use crate::model::Plan;
use crate::render::html::{escape, Html};
use crate::resolve::budget::{
    ministry_slug, names_measure, Ministry as ResolvedMinistry, Programme, RowRef,
};
use crate::resolve::{urls, Institution};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A column of amounts: kind and period.
type Column = (FundingKind, Period);

/// A funding line with the plan it belongs to.
type PlanLine<'a> = (&'a Plan, &'a FundingLine);

#[derive(Debug, Clone, Serialize)]
pub struct ColumnHead {
    /// "Plānotais" or "Papildu".
    pub kind: &'static str,
    /// "2025", "vēlāk līdz pabeigšanai", "turpmāk ik gadu".
    pub period: String,
}

/// One row of a funding table: a label (programme, ministry or plan), optional details, and an
/// amount per column ("" where the row has none).
#[derive(Debug, Clone, Serialize)]
pub struct FundingRow {
    pub label: Link,
    pub plan: Option<Link>,
    pub ministry: Option<Link>,
    pub measures: Vec<Link>,
    pub amounts: Vec<String>,
    /// The row's lines in the plan's document ("rindas 622–634"), linked to the source view.
    pub source: Option<Link>,
    /// The document's explanation of the row's amounts ("Detalizēts aprēķins: …").
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FundingTable {
    pub caption: String,
    /// Header of the label column.
    pub label: &'static str,
    pub columns: Vec<ColumnHead>,
    pub rows: Vec<FundingRow>,
    /// Column sums of the rows.
    pub totals: Vec<String>,
    pub show_plan: bool,
    pub show_ministry: bool,
    pub show_measures: bool,
}

/// One column of a plan's budget as a row: what the funding lines add up to and what the
/// document's total row prints. This is the table behind the bar chart (one row per bar).
#[derive(Debug, Clone, Serialize)]
pub struct TotalRow {
    pub column: ColumnHead,
    pub amount: String,
    /// The document's total for the column ("" when it prints none).
    pub printed: String,
    pub matches: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct TotalsTable {
    pub caption: String,
    pub rows: Vec<TotalRow>,
    /// The document prints a total row to compare with.
    pub has_printed: bool,
    /// Every printed total equals its computed sum.
    pub printed_matches: bool,
}

/// Measures carried out within a programme's existing budget.
#[derive(Debug, Clone, Serialize)]
pub struct WithinBudgetRow {
    pub plan: Link,
    pub measures: Vec<Link>,
    pub programmes: Vec<Link>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BudgetView {
    pub plan: Link,
    /// The document the budget tables are in.
    pub document: document::DocumentView,
    /// The bar chart of the column totals, as SVG markup built from escaped parts.
    pub chart: Option<Html>,
    pub chart_title: String,
    pub totals: TotalsTable,
    pub ministries: FundingTable,
    pub programmes: FundingTable,
    pub lines: FundingTable,
    pub within_budget: Vec<WithinBudgetRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProgrammeView {
    pub code: String,
    pub name: String,
    pub ministries: Vec<Link>,
    pub funding: Option<FundingTable>,
    pub within_budget: Vec<WithinBudgetRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MinistryView {
    pub name: String,
    pub code: Option<String>,
    pub institution: Option<Link>,
    pub programmes: FundingTable,
}

#[derive(Debug, Clone, Serialize)]
pub struct BudgetIndexView {
    pub plans: Vec<Link>,
    pub programmes: Vec<Link>,
    pub ministries: Vec<Link>,
}

/// Funding of one measure, for its page.
#[derive(Debug, Clone, Default, Serialize)]
pub struct MeasureFunding {
    pub table: Option<FundingTable>,
    pub within_budget: Vec<Link>,
    /// Explanations printed under the within-budget rows naming the measure.
    pub within_notes: Vec<String>,
}

impl Pages<'_> {
    fn budget_crumbs(&self) -> Vec<Link> {
        vec![
            self.home_crumb(),
            Link {
                text: "Budžets".to_string(),
                url: self.url(urls::BUDGET),
            },
        ]
    }

    fn programme_link(&self, code: &str) -> Link {
        let name = self
            .library
            .programme(code)
            .map(|p| p.name.clone())
            .unwrap_or_default();
        Link {
            text: format!("{code} {name}").trim().to_string(),
            url: self.url(&urls::programme(code)),
        }
    }

    fn ministry_link(&self, ministry: &Ministry) -> Link {
        Link {
            text: ministry_title(&ministry.name, ministry.code.as_deref()),
            url: self.url(&urls::ministry(&ministry_slug(ministry))),
        }
    }

    /// Links for measure numbers as a budget table prints them: the measures they name.
    fn measure_links(&self, plan: &Plan, ids: &[String]) -> Vec<Link> {
        self.library
            .measures_named(plan, ids)
            .into_iter()
            .map(|m| Link {
                text: m.id.clone(),
                url: self.url(&urls::measure(&plan.slug, &m.id)),
            })
            .collect()
    }

    /// The funding lines of these rows, with their plans.
    fn funding_lines(&self, rows: &[RowRef]) -> Vec<PlanLine<'_>> {
        rows.iter()
            .filter_map(|at| self.library.funding_line(at))
            .collect()
    }

    /// A table with one row per key, amounts summed per column.
    fn funding_table<K: Ord + Clone>(
        &self,
        caption: String,
        label: &'static str,
        lines: &[(&Plan, &FundingLine)],
        key: impl Fn(&Plan, &FundingLine) -> K,
        row: impl Fn(&K, &Plan, &FundingLine) -> FundingRow,
    ) -> FundingTable {
        let columns: Vec<Column> = lines
            .iter()
            .map(|(_, l)| (l.kind, l.period))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let mut rows: Vec<(K, FundingRow, BTreeMap<Column, Cents>)> = Vec::new();
        for (plan, line) in lines {
            let k = key(plan, line);
            let at = match rows.iter().position(|(existing, _, _)| *existing == k) {
                Some(at) => at,
                None => {
                    rows.push((k.clone(), row(&k, plan, line), BTreeMap::new()));
                    rows.len() - 1
                }
            };
            let sums = &mut rows[at].2;
            let cell = sums.entry((line.kind, line.period)).or_default();
            *cell = *cell + line.amount;
        }
        let totals = columns
            .iter()
            .map(|c| {
                let sum: Cents = lines
                    .iter()
                    .filter(|(_, l)| (l.kind, l.period) == *c)
                    .map(|(_, l)| l.amount)
                    .sum();
                sum.to_latvian()
            })
            .collect();
        let rows = rows
            .into_iter()
            .map(|(_, mut view, sums)| {
                view.amounts = columns
                    .iter()
                    .map(|c| sums.get(c).map(|a| a.to_latvian()).unwrap_or_default())
                    .collect();
                view
            })
            .collect();
        FundingTable {
            caption,
            label,
            columns: columns.iter().map(|&c| column_head(c)).collect(),
            rows,
            totals,
            show_plan: false,
            show_ministry: false,
            show_measures: false,
        }
    }

    fn within_rows(&self, rows: &[RowRef]) -> Vec<WithinBudgetRow> {
        rows.iter()
            .filter_map(|at| self.library.within_budget(at))
            .map(|(plan, within)| WithinBudgetRow {
                plan: self.plan_link(plan),
                measures: self.measure_links(plan, &within.measures),
                programmes: within
                    .programmes
                    .iter()
                    .map(|p| self.programme_link(&p.code))
                    .collect(),
                note: within.note.clone(),
            })
            .collect()
    }

    /// The plan's budget overview; `None` for plans without budget tables.
    pub fn plan_budget(&self, plan: &Plan) -> Option<(PageHead, BudgetView)> {
        let budget = &plan.budget;
        if budget.lines.is_empty() && budget.within_budget.is_empty() {
            return None;
        }
        let lines: Vec<(&Plan, &FundingLine)> = budget.lines.iter().map(|l| (plan, l)).collect();
        let short = self.short_title(plan);
        let mut ministries = self.funding_table(
            format!("{short}: finansējums pa ministrijām"),
            "Ministrija",
            &lines,
            |_, l| l.ministry.clone(),
            |_, _, l| FundingRow {
                label: l.ministry.as_ref().map_or_else(
                    || Link {
                        text: "Ministrija nav norādīta".to_string(),
                        url: self.url(&urls::plan_budget(&plan.slug)),
                    },
                    |m| self.ministry_link(m),
                ),
                plan: None,
                ministry: None,
                measures: Vec::new(),
                amounts: Vec::new(),
                source: None,
                note: None,
            },
        );
        ministries
            .rows
            .sort_by(|a, b| a.label.text.cmp(&b.label.text));
        let mut programmes = self.funding_table(
            format!("{short}: finansējums pa budžeta programmām"),
            "Budžeta programma",
            &lines,
            |_, l| l.programme.code.clone(),
            |code, _, l| FundingRow {
                label: self.programme_link(code),
                plan: None,
                ministry: l.ministry.as_ref().map(|m| self.ministry_link(m)),
                measures: Vec::new(),
                amounts: Vec::new(),
                source: None,
                note: None,
            },
        );
        programmes.show_ministry = true;
        programmes
            .rows
            .sort_by(|a, b| a.label.text.cmp(&b.label.text));
        let mut detail = self.funding_table(
            format!("{short}: finansējums pa pasākumiem"),
            "Budžeta programma",
            &lines,
            |_, l| l.source_lines,
            |_, plan, l| FundingRow {
                label: self.programme_link(&l.programme.code),
                plan: None,
                ministry: None,
                measures: self.measure_links(plan, &l.measures),
                amounts: Vec::new(),
                source: Some(self.source_link(plan, l.source_lines)),
                note: l.note.clone(),
            },
        );
        detail.show_measures = true;
        let columns: Vec<Column> = lines
            .iter()
            .map(|(_, l)| (l.kind, l.period))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let sum_of = |c: &Column| -> Cents {
            lines
                .iter()
                .filter(|(_, l)| (l.kind, l.period) == *c)
                .map(|(_, l)| l.amount)
                .sum()
        };
        // Rows for every column with an amount, and for every column the document's total row
        // fills even if no line does, so a total the rows miss shows as a disagreement.
        let total_columns: BTreeSet<Column> = columns
            .iter()
            .copied()
            .chain(
                budget
                    .printed_total
                    .iter()
                    .filter(|t| t.amount.0 != 0)
                    .map(|t| (t.kind, t.period)),
            )
            .collect();
        let rows: Vec<TotalRow> = total_columns
            .iter()
            .map(|c| {
                let sum = sum_of(c);
                let printed = budget
                    .printed_total
                    .iter()
                    .find(|t| (t.kind, t.period) == *c)
                    .map(|t| t.amount);
                TotalRow {
                    column: column_head(*c),
                    amount: sum.to_latvian(),
                    printed: printed.map(Cents::to_latvian).unwrap_or_default(),
                    matches: printed.is_none_or(|p| p == sum),
                }
            })
            .collect();
        let printed_matches = budget
            .printed_total
            .iter()
            .all(|t| sum_of(&(t.kind, t.period)) == t.amount);
        let totals = TotalsTable {
            caption: format!("{short}: finansējums kopā pa gadiem"),
            rows,
            has_printed: !budget.printed_total.is_empty(),
            printed_matches,
        };
        let chart_title = format!("{short}: finansējums pa gadiem, euro");
        let sums: Vec<Cents> = columns.iter().map(sum_of).collect();
        let chart = (!columns.is_empty()).then(|| bar_chart(&chart_title, &columns, &sums));
        let within_rows: Vec<RowRef> = (0..budget.within_budget.len())
            .map(|index| RowRef {
                plan: plan.slug.clone(),
                index,
            })
            .collect();
        let head = PageHead {
            title: format!("Budžets — {short}"),
            crumb: "Budžets".to_string(),
            breadcrumbs: vec![self.home_crumb(), self.plan_link(plan)],
            section: "plani",
        };
        let view = BudgetView {
            plan: self.plan_link(plan),
            document: self.document(plan),
            chart,
            chart_title,
            totals,
            ministries,
            programmes,
            lines: detail,
            within_budget: self.within_rows(&within_rows),
        };
        Some((head, view))
    }

    /// One budget programme across every plan.
    pub fn programme(&self, programme: &Programme) -> (PageHead, ProgrammeView) {
        let code = programme.code.as_str();
        let lines = self.funding_lines(&programme.lines);
        let name = programme.name.clone();
        let ministries: Vec<Link> = programme
            .ministries
            .iter()
            .filter_map(|slug| self.library.ministry(slug))
            .map(|m| self.resolved_ministry_link(m))
            .collect();
        let funding = (!lines.is_empty()).then(|| {
            let mut table = self.funding_table(
                format!("Programma {code}: finansējums pa plāniem un pasākumiem"),
                "Plāns",
                &lines,
                |plan, l| (plan.slug.clone(), l.source_lines),
                |_, plan, l| FundingRow {
                    label: self.plan_link(plan),
                    plan: None,
                    ministry: None,
                    measures: self.measure_links(plan, &l.measures),
                    amounts: Vec::new(),
                    source: Some(self.source_link(plan, l.source_lines)),
                    note: l.note.clone(),
                },
            );
            table.show_measures = true;
            table
        });
        let head = PageHead {
            title: format!("Budžeta programma {code} {name}")
                .trim()
                .to_string(),
            crumb: code.to_string(),
            breadcrumbs: self.budget_crumbs(),
            section: "budzets",
        };
        let view = ProgrammeView {
            code: code.to_string(),
            name,
            ministries,
            funding,
            within_budget: self.within_rows(&programme.within),
        };
        (head, view)
    }

    /// One ministry: its programmes across plans.
    pub fn ministry(&self, ministry: &ResolvedMinistry) -> (PageHead, MinistryView) {
        let lines = self.funding_lines(&ministry.lines);
        let mut programmes = self.funding_table(
            format!("{}: finansējums pa programmām un plāniem", ministry.name),
            "Budžeta programma",
            &lines,
            |plan, l| (l.programme.code.clone(), plan.slug.clone()),
            |(code, _), plan, _| FundingRow {
                label: self.programme_link(code),
                plan: Some(self.plan_link(plan)),
                ministry: None,
                measures: Vec::new(),
                amounts: Vec::new(),
                source: None,
                note: None,
            },
        );
        programmes.show_plan = true;
        programmes
            .rows
            .sort_by(|a, b| a.label.text.cmp(&b.label.text));
        let institution = ministry
            .institution
            .as_deref()
            .and_then(|slug| self.library.institution(slug))
            .map(|i| Link {
                text: i.code.clone(),
                url: self.url(&urls::institution(&i.slug)),
            });
        let head = PageHead {
            title: ministry_title(&ministry.name, ministry.code.as_deref()),
            crumb: ministry.name.clone(),
            breadcrumbs: self.budget_crumbs(),
            section: "budzets",
        };
        let view = MinistryView {
            name: ministry.name.clone(),
            code: ministry.code.clone(),
            institution,
            programmes,
        };
        (head, view)
    }

    fn resolved_ministry_link(&self, ministry: &ResolvedMinistry) -> Link {
        Link {
            text: ministry_title(&ministry.name, ministry.code.as_deref()),
            url: self.url(&urls::ministry(&ministry.slug)),
        }
    }

    /// The budget index: plans with budgets, every programme and ministry.
    pub fn budget_index(&self) -> (PageHead, BudgetIndexView) {
        let plans = self
            .library
            .plans
            .iter()
            .filter(|p| !p.budget.lines.is_empty() || !p.budget.within_budget.is_empty())
            .map(|p| Link {
                text: self.short_title(p),
                url: self.url(&urls::plan_budget(&p.slug)),
            })
            .collect();
        let head = PageHead {
            title: "Budžeta programmas".to_string(),
            crumb: "Budžets".to_string(),
            breadcrumbs: vec![self.home_crumb()],
            section: "budzets",
        };
        let view = BudgetIndexView {
            plans,
            programmes: self
                .library
                .programmes
                .iter()
                .map(|p| self.programme_link(&p.code))
                .collect(),
            ministries: self
                .library
                .ministries
                .iter()
                .map(|m| self.resolved_ministry_link(m))
                .collect(),
        };
        (head, view)
    }

    /// The funding lines and within-budget programmes naming a measure (or its parent).
    pub fn measure_funding(&self, plan: &Plan, index: usize) -> MeasureFunding {
        let measure = &plan.measures[index];
        let names = |ids: &[String]| names_measure(ids, measure);
        let lines: Vec<(&Plan, &FundingLine)> = plan
            .budget
            .lines
            .iter()
            .filter(|l| names(&l.measures))
            .map(|l| (plan, l))
            .collect();
        let table = (!lines.is_empty()).then(|| {
            let mut table = self.funding_table(
                format!("Pasākuma {} finansējums", measure.id),
                "Budžeta programma",
                &lines,
                |_, l| l.source_lines,
                |_, plan, l| FundingRow {
                    label: self.programme_link(&l.programme.code),
                    plan: None,
                    ministry: l.ministry.as_ref().map(|m| self.ministry_link(m)),
                    measures: self.measure_links(plan, &l.measures),
                    amounts: Vec::new(),
                    source: Some(self.source_link(plan, l.source_lines)),
                    note: l.note.clone(),
                },
            );
            table.show_ministry = true;
            table.show_measures = true;
            table
        });
        let within: Vec<_> = plan
            .budget
            .within_budget
            .iter()
            .filter(|w| names(&w.measures))
            .collect();
        MeasureFunding {
            table,
            within_budget: within
                .iter()
                .flat_map(|w| &w.programmes)
                .map(|p| self.programme_link(&p.code))
                .collect(),
            within_notes: within.iter().filter_map(|w| w.note.clone()).collect(),
        }
    }

    /// Budget programmes of the ministry an institution is, for its page.
    pub fn institution_programmes(&self, institution: &Institution) -> Vec<Link> {
        let Some(ministry) = institution
            .ministry
            .as_deref()
            .and_then(|slug| self.library.ministry(slug))
        else {
            return Vec::new();
        };
        self.funding_lines(&ministry.lines)
            .iter()
            .map(|(_, l)| l.programme.code.clone())
            .collect::<BTreeSet<_>>()
            .iter()
            .map(|code| self.programme_link(code))
            .collect()
    }

    /// The ministry page of an institution that is a budget resort.
    pub fn institution_ministry(&self, institution: &Institution) -> Option<Link> {
        institution
            .ministry
            .as_deref()
            .and_then(|slug| self.library.ministry(slug))
            .map(|m| self.resolved_ministry_link(m))
    }
}

/// "14. Iekšlietu ministrija": the resort's number before its name, when known.
fn ministry_title(name: &str, code: Option<&str>) -> String {
    match code {
        Some(code) => format!("{code}. {name}"),
        None => name.to_string(),
    }
}

fn column_head((kind, period): Column) -> ColumnHead {
    ColumnHead {
        kind: match kind {
            FundingKind::Planned => "Plānotais",
            FundingKind::Additional => "Papildu",
        },
        period: period_text(period),
    }
}

fn period_text(period: Period) -> String {
    match period {
        Period::Year(year) => year.to_string(),
        Period::Later => "vēlāk līdz pabeigšanai".to_string(),
        Period::Annual => "turpmāk ik gadu".to_string(),
    }
}

/// A horizontal bar chart of the column sums, drawn at build time. Colours come from the
/// stylesheet (classes), the labels are escaped, and the SVG is `role="img"` with a title; the
/// table beside it holds the same numbers for screen readers.
fn bar_chart(title: &str, columns: &[Column], sums: &[Cents]) -> Html {
    const LABEL_WIDTH: i64 = 230;
    const BAR_WIDTH: i64 = 330;
    const VALUE_WIDTH: i64 = 120;
    const ROW: i64 = 28;
    let max = sums.iter().map(|c| c.0).max().unwrap_or(0).max(1);
    let height = ROW * columns.len() as i64 + 8;
    let width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH;
    let mut svg = format!(
        "<svg class=\"chart\" role=\"img\" aria-labelledby=\"chart-title\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\"><title id=\"chart-title\">{}</title>",
        escape(title)
    );
    for (i, (&(kind, period), sum)) in columns.iter().zip(sums).enumerate() {
        let y = ROW * i as i64 + 4;
        // In i128: a sum near the top of `i64` times the width would overflow.
        let scaled = i128::from(sum.0) * i128::from(BAR_WIDTH) / i128::from(max);
        let bar = i64::try_from(scaled.clamp(0, BAR_WIDTH.into()))
            .unwrap_or_default()
            .max(i64::from(sum.0 > 0));
        let head = column_head((kind, period));
        let class = match kind {
            FundingKind::Planned => "chart-bar chart-planned",
            FundingKind::Additional => "chart-bar chart-additional",
        };
        svg.push_str(&format!(
            "<text class=\"chart-label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{} {}</text><rect class=\"{class}\" x=\"{LABEL_WIDTH}\" y=\"{y}\" width=\"{bar}\" height=\"{}\"></rect><text class=\"chart-value\" x=\"{}\" y=\"{}\">{}</text>",
            LABEL_WIDTH - 8,
            y + 16,
            escape(head.kind),
            escape(&head.period),
            ROW - 8,
            LABEL_WIDTH + bar + 6,
            y + 16,
            escape(&sum.to_latvian()),
        ));
    }
    svg.push_str("</svg>");
    Html::from_escaped(svg)
}

/// Each plan's budget overview, for plans with budget tables.
pub(in crate::render) fn plan_budgets<'a>(pages: &'a Pages) -> Vec<Page<'a>> {
    pages
        .library
        .plans
        .iter()
        .filter_map(|plan| {
            pages
                .plan_budget(plan)
                .map(|built| Page::at(&urls::plan_budget(&plan.slug), move || built))
        })
        .collect()
}

/// The budget index.
pub(in crate::render) fn index<'a>(pages: &'a Pages) -> Vec<Page<'a>> {
    vec![Page::at(urls::BUDGET, move || pages.budget_index())]
}

/// One page per budget programme.
pub(in crate::render) fn programmes<'a>(pages: &'a Pages) -> Vec<Page<'a>> {
    pages
        .library
        .programmes
        .iter()
        .map(|p| Page::at(&urls::programme(&p.code), move || pages.programme(p)))
        .collect()
}

/// One page per ministry (budget resort).
pub(in crate::render) fn ministries<'a>(pages: &'a Pages) -> Vec<Page<'a>> {
    pages
        .library
        .ministries
        .iter()
        .map(|m| Page::at(&urls::ministry(&m.slug), move || pages.ministry(m)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_of_huge_and_negative_sums_stay_inside_the_chart() {
        let columns = [
            (FundingKind::Planned, Period::Year(2025)),
            (FundingKind::Additional, Period::Year(2025)),
            (FundingKind::Planned, Period::Later),
        ];
        // The first used to overflow when scaled to the bar's width.
        let sums = [Cents(i64::MAX), Cents(-500), Cents(i64::MAX / 2)];
        let chart = bar_chart("Finansējums", &columns, &sums);
        let svg = chart.as_str();
        let widths: Vec<&str> = svg
            .split("<rect ")
            .skip(1)
            .filter_map(|rect| rect.split("width=\"").nth(1)?.split('"').next())
            .collect();
        assert_eq!(widths, ["330", "0", "164"]);
    }
}
