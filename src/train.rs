//! Training the entity tagger ([`crate::entities::model::NerModel`]): a structured averaged
//! perceptron over the tagger's hashed character features, quantised to the shipped format.
//!
//! Behind the `train` feature (on by default); the `train-ner` binary drives it, and
//! `dicts/ner.model.md` gives the command that reproduces `dicts/ner.model` byte for byte.
//!
//! ```
//! use zhnews::document::Span;
//! use zhnews::entities::model::EntityKind;
//! use zhnews::train::{train, Example, TrainOptions};
//! let examples = vec![Example {
//!     text: "李鹏在北京".into(),
//!     spans: vec![(Span::new(0, 2), EntityKind::Person), (Span::new(3, 5), EntityKind::Location)],
//!     lexicon: Vec::new(),
//! }];
//! let model = train(&examples, &TrainOptions { epochs: 3, bits: 10, ..Default::default() });
//! assert!(model.num_features() > 0);
//! ```

use rustc_hash::FxHashMap;

use crate::document::Span;
use crate::entities::model::{
    DEFAULT_BITS, EntityKind, NUM_TAGS, NUM_TEMPLATES, NerModel, ROW, START, Scores, bucket,
    encode_spans, num_rows, sentence_features, viterbi,
};

/// One training sentence: its text and its entity spans (chars).
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// The sentence.
    pub text: String,
    /// Gold entities.
    pub spans: Vec<(Span, EntityKind)>,
    /// The lexicon codes of its chars ([`crate::entities::lexicon::lexicon_codes`]), or none.
    pub lexicon: Vec<u32>,
}

/// Options for [`train`].
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Passes over the data.
    pub epochs: usize,
    /// Use only features seen at least this often in training.
    pub min_count: u32,
    /// log2 of the number of feature buckets.
    pub bits: u32,
    /// Seed of the shuffle before each epoch.
    pub seed: u64,
    /// Print progress to stderr.
    pub verbose: bool,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 10,
            min_count: 1,
            bits: DEFAULT_BITS,
            seed: 1,
            verbose: false,
        }
    }
}

/// Train a structured averaged perceptron on `examples` and quantise it to a [`NerModel`].
pub fn train(examples: &[Example], options: &TrainOptions) -> NerModel {
    let bits = options.bits.clamp(4, 26);
    // Feature keys per example, and how often each key occurs (for `min_count`).
    let feats: Vec<Vec<u64>> = examples
        .iter()
        .map(|e| sentence_features(&e.text, &e.lexicon))
        .collect();
    let gold: Vec<Vec<u8>> = examples
        .iter()
        .map(|e| encode_spans(e.text.chars().count(), &e.spans))
        .collect();
    const NONE: u32 = u32::MAX;
    let rare: rustc_hash::FxHashSet<u64> = if options.min_count > 1 {
        let mut counts: FxHashMap<u64, u32> = FxHashMap::default();
        for keys in &feats {
            for &k in keys {
                *counts.entry(k).or_insert(0) += 1;
            }
        }
        counts
            .into_iter()
            .filter(|&(_, c)| c < options.min_count)
            .map(|(k, _)| k)
            .collect()
    } else {
        Default::default()
    };
    let ids: Vec<Vec<u32>> = feats
        .iter()
        .map(|keys| {
            keys.iter()
                .enumerate()
                .map(|(i, k)| {
                    if rare.contains(k) {
                        NONE
                    } else {
                        bucket(i % NUM_TEMPLATES, *k, bits) as u32
                    }
                })
                .collect()
        })
        .collect();
    drop(feats);
    drop(rare);
    if options.verbose {
        eprintln!("train-ner: {} examples, 2^{bits} buckets", examples.len());
    }

    let nf = num_rows(bits);
    let mut w = vec![0i32; nf * NUM_TAGS];
    let mut acc = vec![0i64; nf * NUM_TAGS];
    let mut trans = [[0i32; NUM_TAGS]; NUM_TAGS + 1];
    let mut trans_acc = [[0i64; NUM_TAGS]; NUM_TAGS + 1];
    let mut c: i64 = 1;
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = options.seed.max(1);
    let mut emissions: Vec<Scores> = Vec::new();
    let (mut back, mut pred) = (Vec::new(), Vec::new());
    for epoch in 0..options.epochs {
        // Fisher–Yates with xorshift64*: the same order for the same seed.
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        let mut wrong = 0usize;
        for &e in &order {
            let (fid, g) = (&ids[e], &gold[e]);
            emissions.clear();
            for row in fid.chunks_exact(NUM_TEMPLATES) {
                let mut s = [0i32; NUM_TAGS];
                for &f in row.iter().filter(|&&f| f != NONE) {
                    let ws = &w[f as usize * NUM_TAGS..][..NUM_TAGS];
                    for (a, &b) in s.iter_mut().zip(ws) {
                        *a += b;
                    }
                }
                emissions.push(s);
            }
            viterbi(&emissions, &trans, &mut back, &mut pred);
            if pred != *g {
                wrong += 1;
                for i in 0..g.len() {
                    let (gt, pt) = (g[i] as usize, pred[i] as usize);
                    if gt != pt {
                        for &f in fid[i * NUM_TEMPLATES..][..NUM_TEMPLATES].iter() {
                            if f != NONE {
                                let base = f as usize * NUM_TAGS;
                                w[base + gt] += 1;
                                acc[base + gt] += c;
                                w[base + pt] -= 1;
                                acc[base + pt] -= c;
                            }
                        }
                    }
                    let gp = if i == 0 { START } else { g[i - 1] as usize };
                    let pp = if i == 0 { START } else { pred[i - 1] as usize };
                    if (gp, gt) != (pp, pt) {
                        trans[gp][gt] += 1;
                        trans_acc[gp][gt] += c;
                        trans[pp][pt] -= 1;
                        trans_acc[pp][pt] -= c;
                    }
                }
            }
            c += 1;
        }
        if options.verbose {
            eprintln!(
                "train-ner: epoch {} — {wrong} of {} sentences wrong",
                epoch + 1,
                order.len()
            );
        }
    }

    // Average (w − acc/c), then quantise to i16 with one scale and drop all-zero rows.
    let avg = |w: i32, a: i64| w as f64 - a as f64 / c as f64;
    let mut max = 1e-9f64;
    for (&wi, &ai) in w.iter().zip(&acc) {
        max = max.max(avg(wi, ai).abs());
    }
    for (tr, ta) in trans.iter().zip(&trans_acc) {
        for (&wi, &ai) in tr.iter().zip(ta) {
            max = max.max(avg(wi, ai).abs());
        }
    }
    let scale = max / i16::MAX as f64;
    let q = |v: f64| (v / scale).round() as i32;
    let mut weights = vec![0i16; nf * ROW];
    for (f, row) in weights.chunks_exact_mut(ROW).enumerate() {
        for (t, v) in row[..NUM_TAGS].iter_mut().enumerate() {
            let i = f * NUM_TAGS + t;
            *v = q(avg(w[i], acc[i])).clamp(i16::MIN as i32, i16::MAX as i32) as i16;
        }
    }
    let mut qtrans = [[0i32; NUM_TAGS]; NUM_TAGS + 1];
    for ((qt, tr), ta) in qtrans.iter_mut().zip(&trans).zip(&trans_acc) {
        for ((v, &wi), &ai) in qt.iter_mut().zip(tr).zip(ta) {
            *v = q(avg(wi, ai));
        }
    }
    NerModel {
        bits,
        weights,
        trans: qtrans,
        scale: scale as f32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::char_slice;

    fn tiny_corpus() -> Vec<Example> {
        let mut examples = Vec::new();
        for (name, place) in [
            ("李鹏", "北京"),
            ("王刚", "上海"),
            ("张华", "天津"),
            ("刘明", "广州"),
        ] {
            let text = format!("{name}在{place}会见新华社记者。");
            examples.push(Example {
                text,
                spans: vec![
                    (Span::new(0, 2), EntityKind::Person),
                    (Span::new(3, 5), EntityKind::Location),
                    (Span::new(7, 10), EntityKind::Organization),
                ],
                lexicon: Vec::new(),
            });
        }
        examples
    }

    #[test]
    fn tiny_model_learns_and_round_trips() {
        let options = TrainOptions {
            epochs: 5,
            bits: 12,
            ..TrainOptions::default()
        };
        let trained = train(&tiny_corpus(), &options);
        assert!(trained.num_features() > 0);
        let text = "李鹏在北京会见新华社记者。\n王刚在上海会见新华社记者。";
        let mentions = trained.tag(text);
        let found: Vec<(&str, EntityKind)> = mentions
            .iter()
            .map(|m| (char_slice(text, m.span), m.kind))
            .collect();
        assert_eq!(
            found,
            [
                ("李鹏", EntityKind::Person),
                ("北京", EntityKind::Location),
                ("新华社", EntityKind::Organization),
                ("王刚", EntityKind::Person),
                ("上海", EntityKind::Location),
                ("新华社", EntityKind::Organization),
            ]
        );
        assert!(mentions.iter().all(|m| m.score > 0.0 && m.score <= 1.0));

        let bytes = trained.to_bytes();
        let loaded = NerModel::from_bytes(&bytes).expect("round trip");
        assert_eq!(loaded.to_bytes(), bytes);
        assert_eq!(loaded.tag(text), mentions);

        assert!(NerModel::from_bytes(&bytes[..bytes.len() - 1]).is_err());
        assert!(NerModel::from_bytes(b"nonsense").is_err());
    }
}
