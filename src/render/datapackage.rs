//! The open data described: `data/datapackage.json`, a Frictionless Data Package with a Table
//! Schema for every file (field types and descriptions, primary keys, and foreign keys that
//! mirror the site's links), and what the "Dati" page and the Excel twins read from it.
//!
//! Every table is published three times: JSON (`measures.json`), CSV (`measures.csv`: UTF-8,
//! commas, decimal points) and an Excel twin (`measures-excel.csv`: UTF-8 with a byte-order mark,
//! semicolons, decimal commas; `excel.rs`). [`TABLES`] describes each table's fields once; the
//! JSON and CSV schemas are derived from it ([`Shape`] says how a field looks in each), and the
//! columns only the data can name (a funding column per kind and year, a target column per year)
//! are read from the written CSV header. The package is described after the files are written,
//! so row counts are the files' own; `./scripts/test` validates it with `frictionless`, and
//! `tests/published.rs` checks every file against it.

use super::views::SITE_NAME;
use crate::content::DataSettings;
use crate::model::changes::{ChangeKind, Field};
use crate::model::Status;
use crate::output::Site;
use crate::resolve::urls;
use anyhow::{bail, Context, Result};
use serde::de::IgnoredAny;
use serde_json::{json, Map, Value};

/// The formats every table is published in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
    /// The CSV for spreadsheets set up for Latvia: BOM, `;`, decimal commas.
    Excel,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Json, Format::Csv, Format::Excel];

    /// The file of a table in this format, under `data/`.
    pub fn file(self, table: &str) -> String {
        match self {
            Format::Json => format!("{table}.json"),
            Format::Csv => format!("{table}.csv"),
            Format::Excel => format!("{table}-excel.csv"),
        }
    }

    /// The resource's name in the package (unique, lower case).
    fn resource(self, table: &str) -> String {
        match self {
            Format::Json => format!("{table}-json"),
            Format::Csv => format!("{table}-csv"),
            Format::Excel => format!("{table}-excel"),
        }
    }

    /// How the Dati page names the format.
    pub fn label(self) -> &'static str {
        match self {
            Format::Json => "JSON",
            Format::Csv => "CSV",
            Format::Excel => "CSV Excel programmai",
        }
    }
}

/// A Table Schema field type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    String,
    Integer,
    Number,
    Boolean,
    Date,
    Array,
    Object,
    /// A year number or a word ("later", "annual").
    Any,
}

impl Type {
    pub fn name(self) -> &'static str {
        match self {
            Type::String => "string",
            Type::Integer => "integer",
            Type::Number => "number",
            Type::Boolean => "boolean",
            Type::Date => "date",
            Type::Array => "array",
            Type::Object => "object",
            Type::Any => "any",
        }
    }
}

/// How a field of the JSON file appears in the CSV files.
#[derive(Debug, Clone, Copy)]
pub enum Shape {
    /// The same value in both.
    Plain(Type),
    /// A JSON array of text; in CSV the entries joined with "; ".
    Joined,
    /// A JSON array of measure links (`{plan, id, url}`); in CSV "plan:id" joined with "; ".
    MeasureLinks,
    /// JSON `[first, last]` line numbers; in CSV "first-last".
    Lines,
    /// A JSON year number or word; in CSV the same as text.
    Year,
    /// A JSON object or array; in CSV these columns instead.
    Columns(Type, &'static [Column]),
    /// A JSON array; in CSV one column per name the data gives, each starting with one of
    /// these prefixes ("funding_planned_2024", "target_2025").
    Prefixed(&'static [&'static str], Type, &'static str),
}

/// A CSV column standing for part of a JSON field.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    pub kind: Type,
    pub description: &'static str,
    /// Whether the CSV cell must have a value when its object is there (a direction always
    /// has a number, but a document may give it no title).
    pub required: bool,
}

/// One field of a table.
#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    pub name: &'static str,
    pub shape: Shape,
    pub description: &'static str,
    /// Never empty.
    pub required: bool,
}

/// A foreign key: `fields` of this table are `target`'s `target_fields`.
#[derive(Debug, Clone, Copy)]
pub struct Key {
    pub fields: &'static [&'static str],
    pub target: &'static str,
    pub target_fields: &'static [&'static str],
}

/// One table of the open data.
#[derive(Debug, Clone, Copy)]
pub struct TableSpec {
    pub name: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    pub fields: &'static [FieldSpec],
    pub primary_key: &'static [&'static str],
    /// Keys whose fields a format lacks (the JSON files nest `direction`) are left out there.
    pub foreign_keys: &'static [Key],
}

const fn field(name: &'static str, shape: Shape, description: &'static str) -> FieldSpec {
    FieldSpec {
        name,
        shape,
        description,
        required: false,
    }
}

const fn required(name: &'static str, shape: Shape, description: &'static str) -> FieldSpec {
    FieldSpec {
        name,
        shape,
        description,
        required: true,
    }
}

const fn key(
    fields: &'static [&'static str],
    target: &'static str,
    target_fields: &'static [&'static str],
) -> Key {
    Key {
        fields,
        target,
        target_fields,
    }
}

const TEXT: Shape = Shape::Plain(Type::String);
const INTEGER: Shape = Shape::Plain(Type::Integer);
const BOOLEAN: Shape = Shape::Plain(Type::Boolean);
const PLAN_KEY: Key = key(&["plan"], "plans", &["slug"]);
const SOURCE: FieldSpec = required(
    "source",
    TEXT,
    "Avota dokumenta fails (mapē seeds/); tā rindas skatāmas portāla sadaļā avoti/.",
);
const SOURCE_TITLE: FieldSpec = required(
    "source_title",
    TEXT,
    "Avota dokumenta nosaukums (ar datumu un numuru, ja tie zināmi).",
);
const PLAN: FieldSpec = required("plan", TEXT, "Plāna identifikators (plans.slug).");
const URL: FieldSpec = required(
    "url",
    TEXT,
    "Portāla lapas adrese: pilna, ja portāls publicēts ar pilnu adresi, citādi no servera saknes.",
);

/// Every table, in the order the Dati page lists them.
pub const TABLES: &[TableSpec] = &[
    TableSpec {
        name: "plans",
        title: "Plāni",
        description: "Politikas plānošanas dokumenti, no kuriem portāls iegūst datus.",
        fields: &[
            required("slug", TEXT, "Plāna identifikators portāla adresēs."),
            required("title", TEXT, "Dokumenta nosaukums, kā tas drukāts."),
            required("short_title", TEXT, "Īsais nosaukums, ko portāls rāda sarakstos."),
            SOURCE,
            required("measures", INTEGER, "Pasākumu (uzdevumu, rezultātu) skaits."),
            required(
                "reports_status",
                BOOLEAN,
                "Dokuments ir izpildes ziņojums ar katra pasākuma statusu.",
            ),
            field(
                "follows",
                TEXT,
                "Plāns, ko šis turpina (plans.slug), ja dokuments tā saka; citādi tukšs.",
            ),
            URL,
        ],
        primary_key: &["slug"],
        foreign_keys: &[key(&["follows"], "plans", &["slug"])],
    },
    TableSpec {
        name: "directions",
        title: "Rīcības virzieni",
        description: "Plānu rīcības virzieni, kuros sagrupēti pasākumi.",
        fields: &[
            PLAN,
            required("id", TEXT, "Virziena numurs, kā drukāts."),
            field(
                "title",
                TEXT,
                "Virziena nosaukums; tukšs, ja dokuments virzienam nosaukumu nedod.",
            ),
            required("measures", INTEGER, "Virziena pasākumu skaits."),
            URL,
        ],
        primary_key: &["plan", "id"],
        foreign_keys: &[PLAN_KEY],
    },
    TableSpec {
        name: "measures",
        title: "Pasākumi",
        description: "Katra plāna pasākumi (uzdevumi, rezultāti) ar atbildīgajām iestādēm, \
                      termiņiem, statusu un finansējumu.",
        fields: &[
            SOURCE,
            SOURCE_TITLE,
            PLAN,
            required("plan_title", TEXT, "Plāna nosaukums, kā dokuments to drukā."),
            required(
                "id",
                TEXT,
                "Pasākuma numurs, kā drukāts (\"1.1\"); plānā unikāls.",
            ),
            field(
                "parent",
                TEXT,
                "Augstākā līmeņa pasākuma vai uzdevuma numurs, zem kura ieraksts atrodas.",
            ),
            field("parent_title", TEXT, "Augstākā līmeņa pasākuma teksts."),
            required(
                "direction",
                Shape::Columns(
                    Type::Object,
                    &[
                        Column {
                            name: "direction_id",
                            kind: Type::String,
                            description: "Rīcības virziena numurs (directions.id).",
                            required: true,
                        },
                        Column {
                            name: "direction_title",
                            kind: Type::String,
                            description: "Rīcības virziena nosaukums; tukšs, ja dokuments \
                                          virzienam nosaukumu nedod.",
                            required: false,
                        },
                    ],
                ),
                "Rīcības virziens: {\"id\", \"title\"}; CSV failos kolonnas direction_id un \
                 direction_title.",
            ),
            required("title", TEXT, "Pasākuma teksts."),
            field("result", TEXT, "Darbības rezultāts."),
            field(
                "indicator",
                TEXT,
                "Rezultatīvais rādītājs (\"Rezultatīvais rādītājs\" / \"Rezultatīvie rādītāji\").",
            ),
            required(
                "responsible",
                Shape::Joined,
                "Atbildīgās iestādes, kā drukātas (institūciju kodi saitēs measure_institutions).",
            ),
            required(
                "co_responsible",
                Shape::Joined,
                "Līdzatbildīgās iestādes, kā drukātas.",
            ),
            required("involved", Shape::Joined, "Iesaistītās iestādes, kā drukātas."),
            field(
                "deadline",
                TEXT,
                "Izpildes termiņš, kā drukāts; tukšs, ja dokuments termiņu nenosauc \
                 (stratēģijas).",
            ),
            field(
                "deadline_date",
                Shape::Plain(Type::Date),
                "Termiņš kā datums (ISO 8601): vēlākais termiņā minētais datums; tukšs, ja \
                 termiņš datumu nenosauc.",
            ),
            required(
                "recurring",
                BOOLEAN,
                "Termiņš atkārtojas (\"katru gadu\", \"pastāvīgi\").",
            ),
            field(
                "status",
                TEXT,
                "Izpildes statuss, normalizēts uz vienu no izpildes ziņojumu terminiem.",
            ),
            field("status_text", TEXT, "Izpildes statusa teksts, kā drukāts."),
            field(
                "funding_needed",
                TEXT,
                "Nepieciešamais finansējums, kā drukāts pasākuma rindā.",
            ),
            field(
                "funding_allocated",
                TEXT,
                "Piešķirtais finansējums, kā drukāts pasākuma rindā.",
            ),
            field("description", TEXT, "Izpildes apraksts."),
            required(
                "funding",
                Shape::Prefixed(
                    &["funding_planned_", "funding_additional_"],
                    Type::Number,
                    "Budžeta tabulu rindu summa eiro: veids (planned: vidēja termiņa budžeta \
                     likumā plānotais; additional: nepieciešamais papildu) un gads (later: \
                     turpmāk līdz pabeigšanai; annual: turpmāk ik gadu).",
                ),
                "Finansējums no plāna budžeta ietekmes tabulām: to rindu summas, kas nosauc \
                 pasākumu vai tā augstāko pasākumu, pa veidiem un gadiem: [{\"kind\", \"year\", \
                 \"amount\"}]. CSV failos viena kolonna katram veidam un gadam \
                 (funding_planned_2024); tukša šūna: šāda finansējuma nav.",
            ),
            required(
                "funding_within_budget",
                BOOLEAN,
                "Budžeta tabula saka, ka pasākumu īsteno esošā budžeta ietvaros (summa nav \
                 nodalāma; tas nenozīmē, ka pasākums neko nemaksā).",
            ),
            required(
                "funding_shared",
                BOOLEAN,
                "Kāda finansējuma rinda attiecas arī uz citiem pasākumiem (summa ir to kopīgā), \
                 tāpēc, saskaitot finansējumu pa pasākumiem, šī rinda tiek ieskaitīta vairākkārt.",
            ),
            required(
                "source_lines",
                Shape::Lines,
                "Avota dokumenta pirmā un pēdējā rinda: JSON [pirmā, pēdējā], CSV \"pirmā-pēdējā\".",
            ),
            URL,
        ],
        primary_key: &["plan", "id"],
        foreign_keys: &[
            PLAN_KEY,
            key(
                &["plan", "direction_id"],
                "directions",
                &["plan", "id"],
            ),
        ],
    },
    TableSpec {
        name: "institutions",
        title: "Iestādes",
        description: "Iestādes un iestāžu grupas, ko pasākumi nosauc, ar to pasākumiem pa \
                      lomām. Viens kods, ko divi dokumenti lieto dažādām iestādēm, ir divi \
                      ieraksti.",
        fields: &[
            required(
                "kind",
                TEXT,
                "institution: viena iestāde; group: iestāžu grupa (\"Pašvaldības\"), ko \
                 neskaita kā vienu iestādi.",
            ),
            required(
                "id",
                TEXT,
                "Ieraksta atslēga: lapas ceļš zem iestades/ (\"vp\", \"grupas/pasvaldibas\").",
            ),
            required(
                "code",
                TEXT,
                "Iestādes kods (grupai vai iestādei bez koda: nosaukums, kā drukāts).",
            ),
            field(
                "name",
                TEXT,
                "Pilns nosaukums no reģistra vai dokumentiem; grupai: kas tajā ietilpst.",
            ),
            field("parent", TEXT, "Augstākās iestādes kods."),
            field(
                "parent_url",
                TEXT,
                "Augstākās iestādes lapa (institutions.url), kas atšķir divas iestādes ar vienu \
                 kodu.",
            ),
            required("aliases", Shape::Joined, "Citi pieraksti, kas dokumentos sastopami."),
            required(
                "documents",
                Shape::Joined,
                "Plāni (plans.slug), kuru dokumenti to nosauc šajā nozīmē.",
            ),
            URL,
            required(
                "responsible",
                Shape::MeasureLinks,
                "Pasākumi, kuros iestāde ir atbildīgā: JSON [{\"plan\", \"id\", \"url\"}], CSV \
                 \"plāns:numurs\" atdalīti ar \"; \".",
            ),
            required(
                "co_responsible",
                Shape::MeasureLinks,
                "Pasākumi, kuros iestāde ir līdzatbildīgā.",
            ),
            required(
                "involved",
                Shape::MeasureLinks,
                "Pasākumi, kuros iestāde ir iesaistītā.",
            ),
        ],
        primary_key: &["id"],
        foreign_keys: &[key(&["parent_url"], "institutions", &["url"])],
    },
    TableSpec {
        name: "measure_institutions",
        title: "Pasākumu iestādes",
        description: "Kura iestāde kurā pasākumā kādā lomā nosaukta: saites starp pasākumiem \
                      un iestādēm, kā tās rāda portāla lapas.",
        fields: &[
            PLAN,
            required("measure", TEXT, "Pasākuma numurs (measures.id)."),
            required(
                "role",
                TEXT,
                "Loma: responsible (atbildīgā), co_responsible (līdzatbildīgā), involved \
                 (iesaistītā).",
            ),
            required("institution", TEXT, "Iestādes vai grupas atslēga (institutions.id)."),
            required("code", TEXT, "Tās kods vai grupas nosaukums, lasīšanai."),
        ],
        primary_key: &["plan", "measure", "role", "institution"],
        foreign_keys: &[
            PLAN_KEY,
            key(&["plan", "measure"], "measures", &["plan", "id"]),
            key(&["institution"], "institutions", &["id"]),
        ],
    },
    TableSpec {
        name: "related_measures",
        title: "Līdzīgi pasākumi citos plānos",
        description: "Katram pasākumam līdz pieciem citu plānu pasākumiem ar līdzīgāko tekstu \
                      (nosaukums, rezultāts, rādītājs; meklēšanas analizators, TF-IDF kosinuss), \
                      kā tos rāda pasākumu lapas.",
        fields: &[
            PLAN,
            required("measure", TEXT, "Pasākuma numurs (measures.id)."),
            required("rank", INTEGER, "Vieta sarakstā, 1 — līdzīgākais."),
            required("related_plan", TEXT, "Līdzīgā pasākuma plāns (plans.slug)."),
            required("related_measure", TEXT, "Līdzīgā pasākuma numurs (measures.id)."),
            required(
                "similarity",
                Shape::Plain(Type::Number),
                "Teksta līdzība no 0 līdz 1 (kosinuss), trīs zīmes aiz komata.",
            ),
            required("related_url", TEXT, "Līdzīgā pasākuma lapa portālā."),
        ],
        primary_key: &["plan", "measure", "rank"],
        foreign_keys: &[
            PLAN_KEY,
            key(&["plan", "measure"], "measures", &["plan", "id"]),
            key(&["related_plan"], "plans", &["slug"]),
            key(&["related_plan", "related_measure"], "measures", &["plan", "id"]),
        ],
    },
    TableSpec {
        name: "budget",
        title: "Budžets",
        description: "Plānu budžeta ietekmes tabulu rindas: viena rinda katrai summai \
                      (programma, veids, gads), un rindas \"budžeta ietvaros\" bez summas.",
        fields: &[
            required("row", INTEGER, "Rindas numurs failā (no 1): budget_measures atsauce."),
            SOURCE,
            SOURCE_TITLE,
            PLAN,
            field("ministry", TEXT, "Budžeta resors, kā drukāts."),
            field("ministry_code", TEXT, "Resora numurs valsts budžetā (\"14\")."),
            required("program_code", TEXT, "Budžeta programmas kods (\"06.01.00\")."),
            required("program_name", TEXT, "Budžeta programmas nosaukums."),
            required(
                "measures",
                Shape::Joined,
                "Pasākumu numuri, kā drukāti (saites uz pasākumiem budget_measures).",
            ),
            required(
                "kind",
                TEXT,
                "planned: vidēja termiņa budžeta likumā plānotais finansējums; additional: \
                 nepieciešamais papildu finansējums.",
            ),
            field(
                "year",
                Shape::Year,
                "Gads; later: turpmāk līdz pasākuma pabeigšanai; annual: turpmāk ik gadu; \
                 tukšs rindai \"budžeta ietvaros\".",
            ),
            field(
                "amount",
                Shape::Plain(Type::Number),
                "Summa eiro, kā drukāta; tukša rindai \"budžeta ietvaros\" (tas nenozīmē, ka \
                 pasākums neko nemaksā).",
            ),
            required(
                "within_budget",
                BOOLEAN,
                "Pasākumu īsteno programmas esošā budžeta ietvaros: atsevišķas summas nav.",
            ),
            required("source_lines", Shape::Lines, "Avota dokumenta pirmā un pēdējā rinda."),
        ],
        primary_key: &["row"],
        foreign_keys: &[PLAN_KEY],
    },
    TableSpec {
        name: "budget_measures",
        title: "Budžeta rindu pasākumi",
        description: "Kurus pasākumus katra budžeta rinda nosauc: pasākuma numurs, vai visi \
                      rezultāti zem tā (\"6\" → 6.1, 6.2), kā to rāda budžeta lapas.",
        fields: &[
            required("budget_row", INTEGER, "Budžeta rinda (budget.row)."),
            PLAN,
            required("measure", TEXT, "Pasākuma numurs (measures.id)."),
        ],
        primary_key: &["budget_row", "plan", "measure"],
        foreign_keys: &[
            key(&["budget_row"], "budget", &["row"]),
            key(&["plan", "measure"], "measures", &["plan", "id"]),
        ],
    },
    TableSpec {
        name: "areas",
        title: "Politikas jomas",
        description: "Stratēģiju politikas jomas un prioritārie horizontālie mērķi.",
        fields: &[
            PLAN,
            required("id", TEXT, "Jomas numurs (\"1\") vai horizontālais mērķis (\"H1\")."),
            required("title", TEXT, "Jomas nosaukums."),
            required("horizontal", BOOLEAN, "Prioritārais horizontālais mērķis, nevis joma."),
            URL,
        ],
        primary_key: &["plan", "id"],
        foreign_keys: &[PLAN_KEY],
    },
    TableSpec {
        name: "indicators",
        title: "Rādītāji",
        description: "Stratēģiju galvenie rādītāji: viena rinda katrai dokumenta rindai (pa \
                      iestādēm, ja dokuments tos dala), vērtības kā drukātas.",
        fields: &[
            SOURCE,
            PLAN,
            required("area", TEXT, "Politikas joma (areas.id)."),
            required("area_title", TEXT, "Jomas nosaukums."),
            required("goal", TEXT, "Mērķis, kuram rādītājs pieder."),
            required("id", TEXT, "Rādītāja numurs (\"1.1.2\")."),
            required("name", TEXT, "Rādītāja nosaukums."),
            field("unit", TEXT, "Mērvienība."),
            field("institution", TEXT, "Iestāde, ja dokuments rādītāju dala pa iestādēm."),
            required("baseline_year", TEXT, "Bāzes gads."),
            required("baseline", TEXT, "Bāzes vērtība, kā drukāta."),
            required(
                "targets",
                Shape::Prefixed(
                    &["target_"],
                    Type::String,
                    "Mērķa vērtība šajā gadā, kā drukāta.",
                ),
                "Mērķa vērtības pa gadiem, kā drukātas: [{\"year\", \"value\"}]; CSV failos \
                 kolonna target_<gads>.",
            ),
            required("source_line", INTEGER, "Avota dokumenta rinda."),
            URL,
        ],
        primary_key: &["plan", "id", "institution"],
        foreign_keys: &[PLAN_KEY, key(&["plan", "area"], "areas", &["plan", "id"])],
    },
    TableSpec {
        name: "changes",
        title: "Izmaiņas",
        description: "Kas mainījās starp plāna redakcijām: pievienoti, svītroti un pārnumurēti \
                      pasākumi un mainīti lauki, ar abu redakciju avota rindām. Tikai plāniem ar \
                      vairākām redakcijām.",
        fields: &[
            required("row", INTEGER, "Rindas numurs failā (no 1)."),
            PLAN,
            required(
                "from_date",
                Shape::Plain(Type::Date),
                "Iepriekšējās redakcijas datums (ISO 8601).",
            ),
            required(
                "to_date",
                Shape::Plain(Type::Date),
                "Nākamās redakcijas datums (ISO 8601).",
            ),
            required(
                "from_source",
                TEXT,
                "Iepriekšējās redakcijas avota fails (mapē seeds/).",
            ),
            required(
                "to_source",
                TEXT,
                "Nākamās redakcijas avota fails (mapē seeds/).",
            ),
            required(
                "measure",
                TEXT,
                "Pasākuma pastāvīgais numurs: tā numurs pašreizējā redakcijā; svītrotam \
                 pasākumam — pēdējais numurs (ar svītrošanas datumu, ja numurs tagad pieder \
                 citam pasākumam).",
            ),
            required(
                "kind",
                TEXT,
                "added: pievienots; removed: svītrots; renumbered: pārnumurēts; changed: \
                 mainīts lauks.",
            ),
            field(
                "field",
                TEXT,
                "Mainītais lauks (measures kolonnas nosaukums); tikai veidam changed.",
            ),
            field(
                "before",
                TEXT,
                "Vērtība iepriekšējā redakcijā (iestādes atdalītas ar \"; \"); pārnumurētam — \
                 iepriekšējais numurs; svītrotam — pasākuma teksts.",
            ),
            field(
                "after",
                TEXT,
                "Vērtība nākamajā redakcijā; pārnumurētam — jaunais numurs; pievienotam — \
                 pasākuma teksts.",
            ),
            field(
                "before_lines",
                Shape::Lines,
                "Pasākuma pirmā un pēdējā rinda iepriekšējās redakcijas avotā; tukšs \
                 pievienotam.",
            ),
            field(
                "after_lines",
                Shape::Lines,
                "Pasākuma pirmā un pēdējā rinda nākamās redakcijas avotā; tukšs svītrotam.",
            ),
            URL,
        ],
        primary_key: &["row"],
        foreign_keys: &[PLAN_KEY],
    },
];

/// Tables written only when there is something to put in them (`changes` needs a plan with
/// editions): a portal without such a plan publishes exactly the files it did before.
const WRITTEN_WHEN_NEEDED: [&str; 1] = ["changes"];

/// A field of one format's schema.
#[derive(Debug, Clone)]
pub struct SchemaField {
    pub name: String,
    pub kind: Type,
    pub description: String,
    pub required: bool,
    /// The allowed values, when they are a closed list.
    pub values: Option<Vec<&'static str>>,
}

/// One table described for one format, with its row count.
#[derive(Debug, Clone)]
pub struct Resource {
    pub table: &'static TableSpec,
    pub format: Format,
    /// Path under `data/`.
    pub file: String,
    pub fields: Vec<SchemaField>,
    pub rows: usize,
}

/// The described open data: every table in every format.
#[derive(Debug, Clone, Default)]
pub struct Package {
    pub resources: Vec<Resource>,
}

/// The closed vocabularies of some fields, by table and field name.
fn values(table: &str, field: &str) -> Option<Vec<&'static str>> {
    match (table, field) {
        (_, "status") => Some(Status::ALL.iter().map(|s| s.term()).collect()),
        (_, "role") => Some(vec!["responsible", "co_responsible", "involved"]),
        ("institutions", "kind") => Some(vec!["institution", "group"]),
        ("budget", "kind") => Some(vec!["planned", "additional"]),
        ("changes", "kind") => Some(ChangeKind::ALL.iter().map(|k| k.name()).collect()),
        ("changes", "field") => Some(Field::ALL.iter().map(|f| f.name()).collect()),
        _ => None,
    }
}

impl Package {
    /// Describes the tables whose JSON and CSV files `site` holds and the package does not
    /// describe yet, and returns their resources' range in [`Package::resources`]; the Excel
    /// twins are described like the CSV files (`excel.rs` writes them from these descriptions).
    ///
    /// Called after each data writer, so a publishing site can write the files out and let go
    /// of them before the next writer runs: at 100× the corpus the data files are hundreds of
    /// MB, too much to hold all at once. [`Package::check_complete`] says when a table was
    /// never written.
    pub fn describe_held(&mut self, site: &Site) -> Result<std::ops::Range<usize>> {
        let first = self.resources.len();
        for table in TABLES {
            let json_path = format!("{}{}", urls::DATA, Format::Json.file(table.name));
            let described = self.resources.iter().any(|r| r.table.name == table.name);
            let Some(json) = site.text(&json_path).filter(|_| !described) else {
                continue;
            };
            // Counted without building the records: the file can be tens of megabytes.
            let rows = serde_json::from_str::<Vec<IgnoredAny>>(json)
                .with_context(|| format!("{json_path} is not a list of records"))?
                .len();
            let csv_path = format!("{}{}", urls::DATA, Format::Csv.file(table.name));
            let header: Vec<String> = csv::Reader::from_reader(
                site.files
                    .get(&csv_path)
                    .with_context(|| format!("{csv_path} was not written"))?
                    .as_slice(),
            )
            .headers()
            .with_context(|| format!("{csv_path} has no header"))?
            .iter()
            .map(str::to_string)
            .collect();
            for format in Format::ALL {
                self.resources.push(Resource {
                    table,
                    format,
                    file: format.file(table.name),
                    fields: schema_fields(table, format, &header),
                    rows,
                });
            }
        }
        Ok(first..self.resources.len())
    }

    /// Checks that every table but those written only when needed was described, and puts
    /// the resources in [`TABLES`] order (the order the writers ran in need not be it).
    pub fn check_complete(&mut self) -> Result<()> {
        for table in TABLES {
            let described = self.resources.iter().any(|r| r.table.name == table.name);
            if !described && !WRITTEN_WHEN_NEEDED.contains(&table.name) {
                let json_path = format!("{}{}", urls::DATA, Format::Json.file(table.name));
                bail!("{json_path} was not written");
            }
        }
        let position = |r: &Resource| TABLES.iter().position(|t| t.name == r.table.name);
        // Stable: each table's formats stay in `Format::ALL` order.
        self.resources.sort_by_key(position);
        Ok(())
    }

    /// `datapackage.json`: the package with every resource's path relative to it, its schema,
    /// licence and sources. `site_url` becomes the package's homepage when known.
    pub fn to_json(&self, settings: &DataSettings, site_url: Option<&str>) -> Result<String> {
        let resources: Vec<Value> = self
            .resources
            .iter()
            .map(|r| r.to_json(&self.resources))
            .collect();
        let mut package = json!({
            "profile": "tabular-data-package",
            "name": "planportal",
            "title": format!("{SITE_NAME}: atvērtie dati"),
            "description": "Latvijas politikas plānošanas dokumentu pasākumi, iestādes, budžets \
                            un rādītāji, iegūti no dokumentu tekstiem.",
            "licenses": [{
                "name": settings.license,
                "title": settings.license_title,
                "path": settings.license_url,
            }],
            "sources": [{"title": settings.source_note}],
            "resources": resources,
        });
        if let Some(url) = site_url {
            package["homepage"] = Value::String(format!("{url}{}", urls::DATA_PAGE));
        }
        let mut text =
            serde_json::to_string_pretty(&package).context("cannot serialise datapackage.json")?;
        text.push('\n');
        Ok(text)
    }
}

impl Resource {
    fn to_json(&self, all: &[Resource]) -> Value {
        let fields: Vec<Value> = self
            .fields
            .iter()
            .map(|f| {
                let mut field = Map::new();
                field.insert("name".into(), json!(f.name));
                field.insert("type".into(), json!(f.kind.name()));
                field.insert("description".into(), json!(f.description));
                if self.format == Format::Excel && f.kind == Type::Number {
                    field.insert("decimalChar".into(), json!(","));
                }
                let mut constraints = Map::new();
                if f.required {
                    constraints.insert("required".into(), json!(true));
                }
                if let Some(values) = &f.values {
                    constraints.insert("enum".into(), json!(values));
                }
                if !constraints.is_empty() {
                    field.insert("constraints".into(), Value::Object(constraints));
                }
                Value::Object(field)
            })
            .collect();
        let has = |name: &str| self.fields.iter().any(|f| f.name == name);
        let foreign_keys: Vec<Value> = self
            .table
            .foreign_keys
            .iter()
            .filter(|k| k.fields.iter().all(|f| has(f)))
            .filter_map(|k| {
                // The target in the same format; a self-reference is "" in Table Schema.
                let target = all
                    .iter()
                    .find(|r| r.table.name == k.target && r.format == self.format)?;
                let resource = if target.table.name == self.table.name {
                    String::new()
                } else {
                    self.format.resource(k.target)
                };
                Some(json!({
                    "fields": k.fields,
                    "reference": {"resource": resource, "fields": k.target_fields},
                }))
            })
            .collect();
        let mut schema = json!({
            "fields": fields,
            "primaryKey": self.table.primary_key,
        });
        if !foreign_keys.is_empty() {
            schema["foreignKeys"] = Value::Array(foreign_keys);
        }
        let mut resource = json!({
            "profile": "tabular-data-resource",
            "name": self.format.resource(self.table.name),
            "path": self.file,
            "title": format!("{} ({})", self.table.title, self.format.label()),
            "description": self.table.description,
            "format": if self.format == Format::Json { "json" } else { "csv" },
            "mediatype": if self.format == Format::Json { "application/json" } else { "text/csv" },
            "encoding": if self.format == Format::Excel { "utf-8-sig" } else { "utf-8" },
            "schema": schema,
        });
        if self.format == Format::Excel {
            resource["dialect"] = json!({"delimiter": ";"});
        }
        resource
    }
}

/// The fields of `table` in `format`; `header` is the written CSV's, for the columns only the
/// data names.
fn schema_fields(table: &TableSpec, format: Format, header: &[String]) -> Vec<SchemaField> {
    let mut fields = Vec::new();
    let plain = |name: &str, kind: Type, description: &str, required: bool| SchemaField {
        name: name.to_string(),
        kind,
        description: description.to_string(),
        required,
        values: values(table.name, name),
    };
    for spec in table.fields {
        let (name, description, required) = (spec.name, spec.description, spec.required);
        match (spec.shape, format) {
            (Shape::Plain(kind), _) => fields.push(plain(name, kind, description, required)),
            (Shape::Year, Format::Json) => {
                fields.push(plain(name, Type::Any, description, required))
            }
            (Shape::Joined | Shape::MeasureLinks | Shape::Lines, Format::Json) => {
                fields.push(plain(name, Type::Array, description, required))
            }
            (Shape::Columns(kind, _), Format::Json) => {
                fields.push(plain(name, kind, description, required))
            }
            (Shape::Prefixed(..), Format::Json) => {
                fields.push(plain(name, Type::Array, description, required))
            }
            (Shape::Year | Shape::Joined | Shape::MeasureLinks, _) => {
                // In CSV an empty list is an empty cell: "required" is the JSON's promise.
                fields.push(plain(name, Type::String, description, false))
            }
            (Shape::Lines, _) => fields.push(plain(name, Type::String, description, required)),
            (Shape::Columns(_, columns), _) => {
                for c in columns {
                    fields.push(plain(c.name, c.kind, c.description, required && c.required));
                }
            }
            (Shape::Prefixed(prefixes, kind, column_description), _) => {
                for column in header
                    .iter()
                    .filter(|h| prefixes.iter().any(|p| h.starts_with(p)))
                {
                    fields.push(plain(column, kind, column_description, false));
                }
            }
        }
    }
    fields
}
