//! The header row: finding it, and recognising what each column holds by its name.

use serde::{Deserialize, Serialize};

use super::*;

/// What a spreadsheet column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Column {
    /// A readable reference used as the id.
    Id,
    /// The item's title.
    Title,
    /// The layer (stream, workstream) it belongs to.
    Layer,
    /// First day or month.
    Start,
    /// Last day or month.
    End,
    /// The month of a milestone.
    Month,
    /// Cost or budget.
    Budget,
    /// Who leads it.
    Owner,
    /// What must finish first (ids or titles).
    After,
    /// Investments a milestone needs (Stackplan's milestone table).
    Needs,
    /// Whether the row is a milestone ("milestone", "jalon", …).
    Kind,
    /// Notes.
    Notes,
    /// Dependencies a milestone removes (Stackplan's milestone table).
    Removes,
    /// Dependencies a milestone introduces (Stackplan's milestone table).
    Introduces,
}

impl Column {
    /// Every column, in the order the import dialog lists them.
    pub const ALL: [Column; 14] = [
        Column::Id,
        Column::Title,
        Column::Layer,
        Column::Start,
        Column::End,
        Column::Month,
        Column::Budget,
        Column::Owner,
        Column::After,
        Column::Needs,
        Column::Kind,
        Column::Notes,
        Column::Removes,
        Column::Introduces,
    ];

    /// Name shown in the import dialog and the report.
    pub fn label(self) -> &'static str {
        match self {
            Column::Id => "Id",
            Column::Title => "Title",
            Column::Layer => "Layer",
            Column::Start => "Start",
            Column::End => "End",
            Column::Month => "Month (milestones)",
            Column::Budget => "Budget",
            Column::Owner => "Owner",
            Column::After => "After",
            Column::Needs => "Needs",
            Column::Kind => "Milestone?",
            Column::Notes => "Notes",
            Column::Removes => "Removes",
            Column::Introduces => "Introduces",
        }
    }

    /// Header names recognised for this column (lower case).
    fn names(self) -> &'static [&'static str] {
        match self {
            Column::Id => &[
                "id",
                "ref",
                "reference",
                "référence",
                "referencia",
                "key",
                "code",
                "wbs",
                "no",
                "nr",
                "#",
                "réf",
                "kennung",
                "nummer",
                "código",
                "codigo",
            ],
            Column::Title => &[
                "title",
                "name",
                "project",
                "project name",
                "task",
                "task name",
                "investment",
                "item",
                "activity",
                "titre",
                "nom",
                "projet",
                "tâche",
                "tache",
                "activité",
                "intitulé",
                "titel",
                "projekt",
                "projektname",
                "aufgabe",
                "vorhaben",
                "bezeichnung",
                "maßnahme",
                "título",
                "titulo",
                "nombre",
                "proyecto",
                "tarea",
                "actividad",
            ],
            Column::Layer => &[
                "layer",
                "stream",
                "workstream",
                "work stream",
                "lane",
                "swimlane",
                "category",
                "area",
                "pillar",
                "theme",
                "couche",
                "volet",
                "axe",
                "domaine",
                "catégorie",
                "ebene",
                "bereich",
                "säule",
                "kategorie",
                "handlungsfeld",
                "capa",
                "línea",
                "linea",
                "eje",
                "área",
                "categoría",
                "pilar",
            ],
            Column::Start => &[
                "start",
                "start date",
                "begin",
                "begins",
                "from",
                "starts",
                "début",
                "debut",
                "date de début",
                "date début",
                "commencement",
                "beginn",
                "anfang",
                "start datum",
                "startdatum",
                "anfangsdatum",
                "inicio",
                "fecha de inicio",
                "fecha inicio",
                "comienzo",
            ],
            Column::End => &[
                "end",
                "end date",
                "finish",
                "finish date",
                "due",
                "due date",
                "until",
                "to",
                "ends",
                "fin",
                "date de fin",
                "date fin",
                "échéance",
                "echeance",
                "ende",
                "enddatum",
                "endtermin",
                "bis",
                "fertigstellung",
                "fecha de fin",
                "fecha fin",
                "final",
                "término",
                "termino",
            ],
            Column::Month => &["month", "date", "mois", "monat", "datum", "mes", "fecha"],
            Column::Budget => &[
                "budget",
                "cost",
                "costs",
                "amount",
                "value",
                "funding",
                "coût",
                "cout",
                "coûts",
                "montant",
                "financement",
                "kosten",
                "betrag",
                "mittel",
                "presupuesto",
                "coste",
                "costo",
                "importe",
                "monto",
            ],
            Column::Owner => &[
                "owner",
                "lead",
                "leader",
                "responsible",
                "resource",
                "resources",
                "resource names",
                "manager",
                "project manager",
                "accountable",
                "responsable",
                "porteur",
                "pilote",
                "chef de projet",
                "ressources",
                "verantwortlich",
                "leitung",
                "zuständig",
                "projektleiter",
                "ressourcen",
                "líder",
                "lider",
                "recursos",
            ],
            Column::After => &[
                "after",
                "depends on",
                "dependencies",
                "predecessors",
                "predecessor",
                "prerequisites",
                "prédécesseurs",
                "predecesseurs",
                "dépend de",
                "après",
                "antécédents",
                "vorgänger",
                "abhängig von",
                "nach",
                "predecesoras",
                "predecesores",
                "depende de",
                "después de",
            ],
            Column::Needs => &["needs", "requires", "nécessite", "benötigt", "requiere"],
            Column::Kind => &[
                "milestone",
                "type",
                "kind",
                "jalon",
                "meilenstein",
                "hito",
                "typ",
                "tipo",
            ],
            Column::Notes => &[
                "notes",
                "note",
                "comments",
                "comment",
                "remarks",
                "description",
                "remarques",
                "commentaire",
                "commentaires",
                "anmerkungen",
                "bemerkungen",
                "beschreibung",
                "notas",
                "comentarios",
                "descripción",
            ],
            Column::Removes => &["removes"],
            Column::Introduces => &["introduces"],
        }
    }
}

/// Columns chosen by hand: for each, the header text of the column that holds it (an empty
/// text means "not used"); columns not listed keep what the header recognition found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMapping {
    /// (what, header text), in the order chosen.
    pub chosen: Vec<(Column, String)>,
}

impl ColumnMapping {
    /// The header chosen for `column`, if one was.
    pub fn get(&self, column: Column) -> Option<&str> {
        self.chosen
            .iter()
            .find(|(c, _)| *c == column)
            .map(|(_, h)| h.as_str())
    }

    /// Chooses `header` for `column` (empty: not used).
    pub fn set(&mut self, column: Column, header: &str) {
        self.chosen.retain(|(c, _)| *c != column);
        self.chosen.push((column, header.to_owned()));
    }
}

/// The header row: the first of the top rows that has a title column and a date column.
pub fn find_header(grid: &Grid, mapping: &ColumnMapping) -> Option<Header> {
    grid.rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .enumerate()
        .find_map(|(row, cells)| {
            let header = header_of(row, cells, mapping);
            let has = |c| header.index(c).is_some();
            (has(Column::Title) && (has(Column::Start) || has(Column::End) || has(Column::Month)))
                .then_some(header)
        })
}

pub(super) fn header_of(row: usize, cells: &[Cell], mapping: &ColumnMapping) -> Header {
    let names: Vec<String> = cells.iter().map(Cell::text).collect();
    let mut columns: Vec<(Column, usize)> = Vec::new();
    for (i, name) in names.iter().enumerate() {
        if let Some(column) = recognise(name).filter(|c| !columns.iter().any(|(k, _)| k == c)) {
            columns.push((column, i));
        }
    }
    for (column, chosen) in &mapping.chosen {
        if chosen.trim().is_empty() {
            columns.retain(|(c, _)| c != column);
            continue;
        }
        // A remembered choice applies only to a sheet that has that header.
        if let Some(i) = names
            .iter()
            .position(|n| n.trim().eq_ignore_ascii_case(chosen.trim()))
        {
            columns.retain(|(c, k)| *k != i && c != column);
            columns.push((*column, i));
        }
    }
    columns.sort();
    Header {
        row,
        names,
        columns,
    }
}

/// What a header name means: the longest known name it equals or starts with.
pub fn recognise(header: &str) -> Option<Column> {
    let normal = normalise(header);
    if normal.is_empty() {
        return None;
    }
    Column::ALL
        .iter()
        .flat_map(|&c| c.names().iter().map(move |n| (c, *n)))
        .filter(|(_, n)| normal == *n || normal.strip_prefix(n).is_some_and(|r| r.starts_with(' ')))
        .max_by_key(|(_, n)| n.len())
        .map(|(c, _)| c)
}

/// Lower case, separators as single spaces, brackets and currency signs dropped.
fn normalise(header: &str) -> String {
    let spaced: String = header
        .to_lowercase()
        .chars()
        .map(|c| match c {
            '_' | '-' | '.' | '/' | '(' | ')' | '[' | ']' | ':' | '\u{a0}' => ' ',
            c => c,
        })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}
