//! Tests of budget-table reading: the real seeds, edited variants of their tables (a row removed,
//! empty cells dropped, a footnote corrected) and the helpers that read cells.

use super::rows::{is_total_label, measure_ids, programmes, resort_with_code};
use super::*;
use crate::extract::{extract, Structure};
use crate::model::budget::{Cents, Period, Programme};
use std::collections::BTreeSet;

const ORGANISED_CRIME: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/seeds/000_d0f431797d704579.txt"
));
const TRAFFICKING: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/seeds/002_5ef2c56a3aa0266d.txt"
));
const CYBER_REPORT: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/seeds/004_0c544dbc52ece7e9.txt"
));

/// Extracts a document the way the portal does and keeps the budget diagnostics.
fn read(structure: Structure, text: &str) -> (Budget, Vec<Diagnostic>) {
    let (plan, diagnostics) = extract(structure, "seed.txt", text, "plan");
    let budget_diagnostics = diagnostics
        .into_iter()
        .filter(|d| d.message.starts_with("budget"))
        .collect();
    (plan.budget, budget_diagnostics)
}

fn messages(diagnostics: &[Diagnostic]) -> Vec<(usize, &str)> {
    diagnostics
        .iter()
        .map(|d| (d.line, d.message.as_str()))
        .collect()
}

/// 1-based number of the first line that starts with `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    let at = text.find(needle).expect("needle in text");
    text[..at].matches('\n').count() + 1
}

/// The lines of the blank-line-delimited row holding line `number` (1-based, inclusive).
fn row_span(text: &str, number: usize) -> (usize, usize) {
    let lines: Vec<&str> = text.split('\n').collect();
    let blank = |n: usize| lines[n - 1].trim().is_empty() && !lines[n - 1].starts_with('\t');
    let mut first = number;
    while first > 1 && !blank(first - 1) {
        first -= 1;
    }
    let mut last = number;
    while last < lines.len() && !blank(last + 1) {
        last += 1;
    }
    (first, last)
}

/// The text without the row holding line `number` (and the blank line after it).
fn without_row(text: &str, number: usize) -> String {
    let (first, last) = row_span(text, number);
    text.split('\n')
        .enumerate()
        .filter(|(i, _)| *i + 1 < first || *i + 1 > last + 1)
        .map(|(_, l)| l)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The text with the empty cells (a TAB and a no-break space) of the row at `number` dropped,
/// as the export does when it drops empty cells.
fn without_empty_cells(text: &str, number: usize) -> String {
    let (first, last) = row_span(text, number);
    text.split('\n')
        .enumerate()
        .filter(|(i, l)| {
            let n = i + 1;
            n < first || n > last || !(l.starts_with('\t') && l[1..].trim().is_empty())
        })
        .map(|(_, l)| l)
        .collect::<Vec<_>>()
        .join("\n")
}

fn sum(budget: &Budget, kind: FundingKind, period: Period) -> Cents {
    budget
        .lines
        .iter()
        .filter(|l| l.kind == kind && l.period == period)
        .map(|l| l.amount)
        .sum()
}

fn amounts_of(budget: &Budget, measure: &str, code: &str) -> Vec<(FundingKind, Period, Cents)> {
    budget
        .lines
        .iter()
        .filter(|l| l.measures.iter().any(|m| m == measure) && l.programme.code == code)
        .map(|l| (l.kind, l.period, l.amount))
        .collect()
}

fn euros(amount: i64) -> Cents {
    Cents(amount * 100)
}

use FundingKind::{Additional, Planned};

#[test]
fn the_organised_crime_plan_adds_up_to_its_printed_totals() {
    let (budget, diagnostics) = read(Structure::ActionPlan, ORGANISED_CRIME);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let printed: Vec<(FundingKind, Period, Cents)> = budget
        .printed_total
        .iter()
        .map(|t| (t.kind, t.period, t.amount))
        .collect();
    assert_eq!(
        printed,
        [
            (Planned, Period::Year(2023), euros(934_766)),
            (Planned, Period::Year(2024), euros(1_007_141)),
            (Planned, Period::Year(2025), euros(110_300)),
            (Additional, Period::Year(2024), euros(0)),
            (Additional, Period::Year(2025), euros(3_800_586)),
            (Additional, Period::Year(2026), euros(2_800_226)),
            (Additional, Period::Year(2027), euros(918_226)),
            (Additional, Period::Later, euros(0)),
            (Additional, Period::Annual, euros(735_026)),
        ]
    );
    for (kind, period, amount) in printed {
        assert_eq!(sum(&budget, kind, period), amount, "{kind:?} {period}");
    }
    let programmes: BTreeSet<&str> = budget
        .lines
        .iter()
        .map(|l| l.programme.code.as_str())
        .collect();
    assert_eq!(
        programmes.into_iter().collect::<Vec<_>>(),
        ["03.04.00", "06.01.00", "10.00.00", "33.00.00", "42.00.00", "71.07.00", "80.00.00"]
    );
}

#[test]
fn each_organised_crime_amount_lands_in_its_year_with_ministry_and_measures() {
    let (budget, _) = read(Structure::ActionPlan, ORGANISED_CRIME);
    assert_eq!(
        amounts_of(&budget, "1.8", "06.01.00"),
        [
            (Additional, Period::Year(2025), euros(724_526)),
            (Additional, Period::Year(2026), euros(424_526)),
            (Additional, Period::Year(2027), euros(424_526)),
            (Additional, Period::Annual, euros(424_526)),
        ]
    );
    let police = budget
        .lines
        .iter()
        .find(|l| l.programme.code == "06.01.00")
        .unwrap();
    assert_eq!(police.programme.name, "Valsts policija");
    assert_eq!(
        police.ministry,
        Some(Ministry {
            name: "Iekšlietu ministrija".into(),
            code: Some("14".into())
        })
    );
    // One block names two measures.
    let shared = budget
        .lines
        .iter()
        .find(|l| l.programme.code == "42.00.00")
        .unwrap();
    assert_eq!(shared.measures, ["1.4", "1.5"]);
    assert_eq!(shared.amount, euros(3_325));
    // A resort printed with asterisks in the summary gets the code its block row prints.
    let courts = budget
        .lines
        .iter()
        .find(|l| l.programme.code == "03.04.00")
        .unwrap();
    assert_eq!(
        courts.ministry.as_ref().unwrap().name,
        "Tieslietu ministrija"
    );
    assert_eq!(
        courts.ministry.as_ref().unwrap().code.as_deref(),
        Some("19")
    );
    assert_eq!(courts.programme.name, "Tiesu ekspertīžu veikšana");
    assert_eq!(
        budget
            .lines
            .iter()
            .find(|l| l.programme.code == "10.00.00")
            .unwrap()
            .programme
            .name,
        "Valsts robežsardzes darbība"
    );
}

#[test]
fn a_removed_measure_row_is_reported_with_the_difference_and_the_rows() {
    let text = without_row(ORGANISED_CRIME, line_of(ORGANISED_CRIME, "\t388 500"));
    let (budget, diagnostics) = read(Structure::ActionPlan, &text);
    assert!(amounts_of(&budget, "1.9", "06.01.00").is_empty());
    let summary_line = line_of(&text, "\tIekšlietu ministrija\n\t\u{a0}\n\t06.01.00");
    let found = messages(&diagnostics);
    assert_eq!(found.len(), 4, "{found:?}");
    assert!(
        found.iter().all(|(line, _)| *line == summary_line),
        "{found:?}"
    );
    assert!(
        found[0].1.contains("add up to 2870386 EUR in additional 2025, the row prints 3258886 EUR (difference 388500 EUR)"),
        "{}",
        found[0].1
    );
    assert!(found[0].1.contains("1.8 → 06.01.00"), "{}", found[0].1);
    assert!(found[3].1.contains("annual"), "{}", found[3].1);
}

#[test]
fn a_removed_programme_row_is_caught_by_the_total() {
    let text = without_row(
        ORGANISED_CRIME,
        line_of(ORGANISED_CRIME, "\tTieslietu ministrija***"),
    );
    let (_, diagnostics) = read(Structure::ActionPlan, &text);
    let total_line = line_of(&text, "\tFinansējums plāna realizācijai kopā");
    let found = messages(&diagnostics);
    assert!(
        found.contains(&(
            total_line,
            "budget: the rows under total (lines 481–493) add up to 3630586 EUR in additional 2025, the row prints 3800586 EUR (difference 170000 EUR); rows: 06.01.00 (lines 495–507) 3258886 EUR, 10.00.00 (lines 509–521) 175500 EUR, 33.00.00 (lines 537–549) 196200 EUR"
        )),
        "{found:?}"
    );
    // The measure rows of the removed programme now have no summary row to add up to: the
    // total still catches them, and nothing else is reported.
    assert_eq!(found.len(), 4, "{found:?}");
}

#[test]
fn amounts_of_a_row_without_its_empty_cells_are_placed_by_the_totals() {
    // Row 1.8 → 06.01.00 prints 724 526, 424 526, 424 526, (empty), 424 526: additional 2025,
    // 2026, 2027 and annual. Without its empty cells only the sums can tell the columns.
    let text = without_empty_cells(ORGANISED_CRIME, line_of(ORGANISED_CRIME, "\t724 526"));
    let (budget, diagnostics) = read(Structure::ActionPlan, &text);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(
        amounts_of(&budget, "1.8", "06.01.00"),
        [
            (Additional, Period::Year(2025), euros(724_526)),
            (Additional, Period::Year(2026), euros(424_526)),
            (Additional, Period::Year(2027), euros(424_526)),
            (Additional, Period::Annual, euros(424_526)),
        ]
    );
}

#[test]
fn summary_and_measure_rows_without_empty_cells_are_placed_together() {
    // Both the programme row of 06.01.00 and one of its measure rows lose their empty cells.
    let summary = line_of(ORGANISED_CRIME, "\t3 258 886");
    let text = without_empty_cells(ORGANISED_CRIME, summary);
    let text = without_empty_cells(&text, line_of(&text, "\t388 500"));
    let (budget, diagnostics) = read(Structure::ActionPlan, &text);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(
        amounts_of(&budget, "1.9", "06.01.00"),
        [
            (Additional, Period::Year(2025), euros(388_500)),
            (Additional, Period::Year(2026), euros(240_500)),
            (Additional, Period::Year(2027), euros(240_500)),
            (Additional, Period::Annual, euros(240_500)),
        ]
    );
    assert_eq!(sum(&budget, Additional, Period::Annual), euros(735_026));
}

#[test]
fn a_short_row_the_sums_cannot_place_is_reported() {
    // With the programme's summary and its other measure rows gone, nothing tells where the
    // amounts of 1.11 → 03.04.00 stand: the default placement is named in a warning.
    let mut text = without_row(
        ORGANISED_CRIME,
        line_of(ORGANISED_CRIME, "\tTieslietu ministrija***"),
    );
    text = without_row(
        &text,
        line_of(&text, "\tFinansējums plāna realizācijai kopā"),
    );
    let row = line_of(&text, "\t03.04.00 „Tiesu");
    let text = without_empty_cells(&text, row);
    let (_, diagnostics) = read(Structure::ActionPlan, &text);
    let found = messages(&diagnostics);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].1.contains("fit more than one set of columns")
            && found[0].1.contains("1.11 → 03.04.00"),
        "{found:?}"
    );
}

#[test]
fn the_trafficking_plan_funds_two_measures_and_reports_where_text_and_tables_disagree() {
    let (budget, diagnostics) = read(Structure::ResultPlan, TRAFFICKING);
    // measures → programme, kind, period, amount, ministry
    let lines: Vec<String> = budget
        .lines
        .iter()
        .map(|l| {
            format!(
                "{} → {} {:?} {} {} {}",
                l.measures.join("+"),
                l.programme.code,
                l.kind,
                l.period,
                l.amount.to_decimal(),
                l.ministry.as_ref().map_or("?", |m| m.name.as_str())
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            "6 → 05.01.00 Planned 2025 77000 Labklājības ministrija",
            "7.1 → 63.08.00 Planned 2025 24898.68 Labklājības ministrija",
        ]
    );
    assert_eq!(
        budget.lines[1].programme.name,
        "Eiropas Sociālā fonda Plus (ESF+) projektu un pasākumu īstenošana (2021–2027)"
    );
    let total: Cents = budget.lines.iter().map(|l| l.amount).sum();
    assert_eq!(total, Cents(10_189_868));
    assert_eq!(budget.printed_total[0].amount, Cents(10_189_868));
    assert!(budget.printed_total[1..].iter().all(|t| t.amount.0 == 0));
    // The printed totals agree; the known disagreements are the footnote and one year.
    let found = messages(&diagnostics);
    assert_eq!(
        found,
        [
            (line_of(TRAFFICKING, "\t\n\tLabklājības ministrija\n\t6. pasākums") , "budget: 6 → 05.01.00 (lines 486–497) gives the implementation year 2025, the table at line 515 gives 2026 for the same measure (6 → 05.01.00 (lines 659–669))"),
            (line_of(TRAFFICKING, "\tBudžeta ietvaros[footnoteRef:20]"), "budget: footnote 20 says every measure except 5, 7.1 is carried out within existing budgets, but the table funds 6, 7.1; the portal follows the table"),
        ]
    );
}

#[test]
fn within_budget_rows_name_their_programmes_without_amounts() {
    let (budget, _) = read(Structure::ResultPlan, TRAFFICKING);
    let first = &budget.within_budget[0];
    assert_eq!(first.measures, ["1"]);
    assert_eq!(
        first.programmes,
        [
            Programme {
                code: "01.06.00".into(),
                name: "Konsulārais nodrošinājums".into()
            },
            Programme {
                code: "06.00.00".into(),
                name: "Valsts policijas darbība".into()
            },
            Programme {
                code: "01.00.00".into(),
                name: "Tiesībsarga birojs".into()
            },
        ]
    );
    let eight = budget
        .within_budget
        .iter()
        .find(|w| w.measures == ["8"])
        .unwrap();
    assert_eq!(
        eight.programmes[0].name,
        "Nozaru vadība un politikas plānošana"
    );
    assert!(!budget
        .within_budget
        .iter()
        .any(|w| w.measures == ["6"] || w.measures == ["7.1"]));
    assert_eq!(budget.within_budget.len(), 21);
}

#[test]
fn a_footnote_that_agrees_with_the_table_is_not_reported() {
    let text = TRAFFICKING.replacen("izņemot Nr. 5 un 7.1", "izņemot Nr. 6 un 7.1", 1);
    assert_ne!(text, TRAFFICKING);
    let (_, diagnostics) = read(Structure::ResultPlan, &text);
    assert!(
        !diagnostics.iter().any(|d| d.message.contains("footnote")),
        "{diagnostics:?}"
    );
}

#[test]
fn a_changed_amount_in_the_detailed_table_is_caught_by_the_summary_table() {
    let text = TRAFFICKING.replacen("\t24 898,68 \n", "\t24 989,68 \n", 1);
    assert_ne!(text, TRAFFICKING);
    let (_, diagnostics) = read(Structure::ResultPlan, &text);
    let found = messages(&diagnostics);
    assert!(
        found.iter().any(|(line, m)| *line == 447
            && m.contains("prints 101898.68 EUR for the total in planned 2025, the rows of the table at line 515 add up to 101989.68 EUR (difference -91 EUR)")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(_, m)| m.contains("prints 24898.68 EUR for 63.08.00")),
        "{found:?}"
    );
}

#[test]
fn a_report_with_free_text_funding_has_no_budget_lines() {
    let (budget, diagnostics) = read(Structure::StatusReport, CYBER_REPORT);
    assert_eq!(budget, Budget::default());
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
}

#[test]
fn programme_cells_give_codes_and_names() {
    let names = |text: &str| -> Vec<(String, String)> {
        programmes(text)
            .into_iter()
            .map(|p| (p.code, p.name))
            .collect()
    };
    assert_eq!(
        names("10.00.00  \"Valsts robežsardzes darbība\"\""),
        [("10.00.00".into(), "Valsts robežsardzes darbība".into())]
    );
    assert_eq!(
        names("Budžeta ietvaros (01.06.00 “Konsulārais nodrošinājums, 10.00.00 “Valsts robežsardzes darbība”)"),
        [
            ("01.06.00".into(), "Konsulārais nodrošinājums".into()),
            ("10.00.00".into(), "Valsts robežsardzes darbība".into())
        ]
    );
    assert_eq!(
        names("Budžeta ietvaros (06.00.00 “Valsts policijas darbība” un/ vai 06.01.00 “Valsts policija”)"),
        [
            ("06.00.00".into(), "Valsts policijas darbība".into()),
            ("06.01.00".into(), "Valsts policija".into())
        ]
    );
}

#[test]
fn label_cells_tell_measures_from_numbered_resorts() {
    assert_eq!(
        measure_ids("1.4. Veikt pieredzes apmaiņu.\n1.5. Īstenot apmācības."),
        Some(vec!["1.4".to_string(), "1.5".to_string()])
    );
    assert_eq!(measure_ids("6. pasākums"), Some(vec!["6".to_string()]));
    assert_eq!(
        measure_ids("1.20.Pilnveidot sistēmas"),
        Some(vec!["1.20".to_string()])
    );
    assert_eq!(measure_ids("Iekšlietu ministrija"), None);
    assert_eq!(
        resort_with_code("14. Iekšlietu ministrija").map(|m| (m.name, m.code)),
        Some(("Iekšlietu ministrija".to_string(), Some("14".to_string())))
    );
    assert_eq!(resort_with_code("1.4. Veikt pieredzes apmaiņu"), None);
    assert_eq!(
        resort_with_code("5. Izstrādāt normatīvo regulējumu nacionālā mehānisma pilnveidošanai"),
        None
    );
    assert!(is_total_label("Finansējums plāna īstenošanai kopā,"));
    assert!(!is_total_label("3. Īstenot kopā ar pašvaldībām"));
}

#[test]
fn header_periods_split_into_planned_and_additional_runs() {
    let doc = WordDoc::parse("t.txt", TRAFFICKING);
    let mut reader = Reader {
        file: "t.txt",
        diagnostics: Vec::new(),
    };
    let (headers, tables) = reader.tables(&doc);
    assert_eq!(headers, 2);
    assert_eq!(tables[0].layout.labels, 4);
    assert_eq!(tables[0].layout.resort_column, Some(0));
    assert_eq!(tables[1].layout.labels, 3);
    assert_eq!(
        tables[1].layout.amounts,
        [
            (Planned, Period::Year(2025)),
            (Planned, Period::Year(2026)),
            (Planned, Period::Year(2027)),
            (Additional, Period::Year(2026)),
            (Additional, Period::Year(2027)),
            (Additional, Period::Later),
            (Additional, Period::Annual),
        ]
    );
    assert!(tables[1].layout.year_column);
}

#[test]
fn a_detailed_calculation_under_a_row_becomes_that_rows_note() {
    let (budget, _) = read(Structure::ResultPlan, TRAFFICKING);
    let note = |measure: &str| {
        budget
            .lines
            .iter()
            .find(|l| l.measures == [measure])
            .and_then(|l| l.note.clone())
            .unwrap_or_else(|| panic!("no note for {measure}"))
    };
    assert!(note("6").starts_with("Detalizēts aprēķins: summa paredzēta iepirkuma"));
    // Paragraphs stay paragraphs; the cell's later paragraph (after a blank line) belongs to it.
    assert!(note("6").contains("\n· Veikts pētījums"));
    assert!(note("6").contains("\nSaskaņā ar Noziedzības novēršanas padomes"));
    assert!(note("7.1").starts_with("Detalizēts aprēķins: Finansējums paredzēts tikai 2025."));
    // No other row of the table is taken for a note.
    let noted: BTreeSet<(usize, usize)> = budget
        .lines
        .iter()
        .filter(|l| l.note.is_some())
        .map(|l| l.source_lines)
        .collect();
    assert_eq!(noted.len(), 2);
    assert!(budget.within_budget.iter().all(|w| w.note.is_none()));
    assert!(budget.within_budget.iter().all(|w| w.kind == Planned));
    let (crime, _) = read(Structure::ActionPlan, ORGANISED_CRIME);
    assert!(crime.lines.iter().all(|l| l.note.is_none()));
}

#[test]
fn a_note_explains_whichever_row_it_stands_under() {
    // Edited: measure 6's funded row dropped, so its calculation stands under measure 5's
    // within-budget row; it is attached there, not lost and not to the next row.
    let needle = "\t6. Izstrādāt un ieviest atpazīšanas";
    let at = TRAFFICKING.rfind(needle).expect("the detailed table's row");
    let row = TRAFFICKING[..at].matches('\n').count() + 1;
    let (budget, _) = read(Structure::ResultPlan, &without_row(TRAFFICKING, row));
    assert!(!budget.lines.iter().any(|l| l.measures == ["6"]));
    let five = budget
        .within_budget
        .iter()
        .find(|w| w.measures == ["5"])
        .expect("measure 5 within budget");
    assert!(five
        .note
        .as_deref()
        .is_some_and(|n| n.starts_with("Detalizēts aprēķins: summa paredzēta")));
    let seven = budget
        .lines
        .iter()
        .find(|l| l.measures == ["7.1"])
        .expect("7.1 funded");
    assert!(seven
        .note
        .as_deref()
        .is_some_and(|n| n.contains("simulācijas semināra")));
}

#[test]
fn a_row_with_more_amounts_than_columns_is_reported_and_not_counted() {
    // Found by fuzzing (fuzz/regressions/extract/budget-row-without-placement): such a row has
    // no placement, and choosing among the placements of the rows read the first one anyway.
    let text = ORGANISED_CRIME.replacen(
        "\t724 526\n",
        "\t724 526\n\t1\n\t2\n\t3\n\t4\n\t5\n\t6\n\t7\n",
        1,
    );
    assert_ne!(text, ORGANISED_CRIME);
    let (budget, diagnostics) = read(Structure::ActionPlan, &text);
    let row = line_of(&text, "\t724 526");
    assert!(
        messages(&diagnostics)
            .iter()
            .any(|(line, message)| *line <= row
                && message.contains("amount cells but the header has")
                && message.contains("its amounts are not counted")),
        "{diagnostics:?}"
    );
    assert!(amounts_of(&budget, "1.8", "06.01.00").is_empty());
}
