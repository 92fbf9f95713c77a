//! Organisations, places, people, works and quoted terms, with every mention.
//!
//! Rules first: the administrative-divisions gazetteer and world places ([`gazetteer`]), an
//! organisation suffix grammar with aliases and abbreviation resolution (`市政府` → the city
//! the article is about), people by surname and evidence, works in `《…》` ([`grammar`]); and
//! quoted campaign terms ([`quoted`]). Mentions are grouped by type and normalized name; a
//! place inside an organisation's name is part of that name, not a separate mention.
//!
//! ```
//! let text = "本溪市公安局出动民警1872人次，溪湖区还推出了“指尖上的移动调解室”。";
//! let tokens = zhnews::segment::segmenter().tag(text);
//! let entities = zhnews::entities::extract(text, &tokens);
//! let names: Vec<&str> = entities.iter().map(|e| e.normalized.as_str()).collect();
//! assert!(names.contains(&"本溪市公安局") && names.contains(&"溪湖区"));
//! ```

pub mod gazetteer;
pub mod grammar;
pub mod quoted;

use std::collections::HashMap;

use serde::Serialize;

use crate::document::{Span, Token};

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityType {
    /// A government body, company, party organ, school…
    Organization,
    /// A country, region, division, street or community.
    Location,
    /// A person.
    Person,
    /// A titled work or document.
    Work,
}

/// One mention of an entity.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Where it is.
    pub span: Span,
    /// What it is.
    pub kind: EntityType,
    /// As written.
    pub text: String,
    /// Its full name.
    pub normalized: String,
}

/// A named entity with all its mentions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    /// The name as most often written.
    pub text: String,
    /// `organization`, `location`, `person` or `work`.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// The full name (`市政府` → `本溪市政府`).
    pub normalized: String,
    /// Every mention, in text order.
    pub mentions: Vec<Span>,
    /// How many mentions.
    pub count: usize,
}

/// A quoted campaign term or slogan, without its quotation marks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuotedTerm {
    /// The term.
    pub text: String,
    /// How often it is quoted.
    pub count: usize,
}

/// Find the entities of `text` (with its tokens).
pub fn extract(text: &str, tokens: &[Token]) -> Vec<Entity> {
    let places = gazetteer::gazetteer().find(text, tokens);
    let main_place = main_place(&places);
    let mut mentions: Vec<Mention> = Vec::new();
    let orgs = grammar::organizations(text, tokens, &places, main_place.as_deref());
    let chars: Vec<char> = text.chars().collect();
    for place in &places {
        let inside_org = orgs
            .iter()
            .any(|o| o.span.start <= place.span.start && place.span.end <= o.span.end);
        if !inside_org {
            mentions.push(Mention {
                span: place.span,
                kind: EntityType::Location,
                text: chars[place.span.start..place.span.end].iter().collect(),
                normalized: place.normalized.clone(),
            });
        }
    }
    mentions.extend(grammar::streets(text, &places));
    mentions.extend(outermost(orgs));
    mentions.extend(grammar::people(text, tokens));
    mentions.extend(grammar::works(text));
    group(mentions)
}

/// The quoted terms of `text`.
pub fn quoted_terms(text: &str) -> Vec<QuotedTerm> {
    quoted::quoted_terms(text)
        .into_iter()
        .map(|(text, count)| QuotedTerm { text, count })
        .collect()
}

/// The city (or county) the article is about: the most mentioned prefecture, else county.
fn main_place(places: &[gazetteer::Place]) -> Option<String> {
    let mut counts: HashMap<(u8, &str), usize> = HashMap::new();
    for p in places.iter().filter(|p| p.level == 2 || p.level == 3) {
        *counts.entry((p.level, p.normalized.as_str())).or_insert(0) += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&((level, name), n)| (std::cmp::Reverse(level), n, std::cmp::Reverse(name)))
        .map(|((_, name), _)| name.to_string())
}

/// Drop organisation mentions inside a longer one at the same start (本溪市公安局 inside
/// 本溪市公安局恒安分局 stays only where it stands alone).
fn outermost(mut orgs: Vec<Mention>) -> Vec<Mention> {
    orgs.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    let mut out: Vec<Mention> = Vec::new();
    for m in orgs {
        if out.last().is_none_or(|last| m.span.start >= last.span.end) {
            out.push(m);
        }
    }
    out
}

/// Group mentions into entities by type and normalized name.
fn group(mut mentions: Vec<Mention>) -> Vec<Entity> {
    mentions.sort_by_key(|m| m.span);
    let mut entities: Vec<Entity> = Vec::new();
    let mut surfaces: Vec<HashMap<String, usize>> = Vec::new();
    let mut index: HashMap<(EntityType, String), usize> = HashMap::new();
    for m in mentions {
        let i = *index
            .entry((m.kind, m.normalized.clone()))
            .or_insert_with(|| {
                entities.push(Entity {
                    text: m.text.clone(),
                    kind: m.kind,
                    normalized: m.normalized.clone(),
                    mentions: Vec::new(),
                    count: 0,
                });
                surfaces.push(HashMap::new());
                entities.len() - 1
            });
        if entities[i].mentions.last() != Some(&m.span) {
            entities[i].mentions.push(m.span);
            entities[i].count += 1;
            *surfaces[i].entry(m.text).or_insert(0) += 1;
        }
    }
    for (entity, surface) in entities.iter_mut().zip(surfaces) {
        if let Some((text, _)) = surface
            .into_iter()
            .max_by_key(|(t, n)| (*n, std::cmp::Reverse(t.clone())))
        {
            entity.text = text;
        }
    }
    entities
}
