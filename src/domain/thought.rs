//! A thought record: a harsh thought caught word for word, looked at, and answered kindly.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{InvalidInput, Label, Percent, Scale};

/// An emotion felt with the thought, rated before and after reframing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeltEmotion {
    pub name: Label,
    pub intensity: Option<Percent>,
    pub intensity_after: Option<Percent>,
}

/// The answer to "is this thought helping or hurting me?", asked after the friend test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Helps {
    Helping,
    Hurting,
    Both,
    Unsure,
}

impl Helps {
    pub const ALL: [Helps; 4] = [Helps::Helping, Helps::Hurting, Helps::Both, Helps::Unsure];

    pub fn as_str(self) -> &'static str {
        match self {
            Helps::Helping => "helping",
            Helps::Hurting => "hurting",
            Helps::Both => "both",
            Helps::Unsure => "unsure",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Helps::ALL.into_iter().find(|h| h.as_str() == text)
    }

    /// How the answer reads on screen.
    pub fn words(self) -> &'static str {
        match self {
            Helps::Helping => "helping me",
            Helps::Hurting => "hurting me",
            Helps::Both => "a bit of both",
            Helps::Unsure => "not sure",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thought {
    pub id: Uuid,
    pub at: DateTime<FixedOffset>,
    pub situation: Option<String>,
    /// The critical thought, word for word. Never empty.
    pub thought: String,
    /// Whose voice it sounds like (a parent, a teacher, "the critic"), in the person's words.
    pub voice: Option<String>,
    pub emotions: Vec<FeltEmotion>,
    /// How much the thought is believed, before and after reframing.
    pub belief: Option<Percent>,
    pub belief_after: Option<Percent>,
    pub distortions: Vec<Label>,
    /// What you would say to a friend who thought this.
    pub friend: Option<String>,
    /// Whether the thought is helping or hurting, in the person's judgement.
    pub helps: Option<Helps>,
    /// The two columns of a classic thought record, written before the kinder answer.
    pub evidence_for: Option<String>,
    pub evidence_against: Option<String>,
    pub reframe: Option<String>,
}

/// Blank text is no text.
pub fn optional_text(text: &str) -> Option<String> {
    let trimmed = text.trim_end();
    (!trimmed.trim().is_empty()).then(|| trimmed.to_string())
}

impl Thought {
    /// The record's written texts, in the order of the flow.
    pub fn texts(&self) -> Vec<&str> {
        [
            self.situation.as_deref(),
            Some(self.thought.as_str()),
            self.voice.as_deref(),
            self.friend.as_deref(),
            self.evidence_for.as_deref(),
            self.evidence_against.as_deref(),
            self.reframe.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    pub fn new(at: DateTime<FixedOffset>, thought: &str) -> Result<Self, InvalidInput> {
        let thought = optional_text(thought).ok_or_else(|| {
            InvalidInput::new(
                "thought",
                "is empty; write the critical thought down word for word",
            )
        })?;
        Ok(Self {
            id: Uuid::new_v4(),
            at,
            situation: None,
            thought,
            voice: None,
            emotions: Vec::new(),
            belief: None,
            belief_after: None,
            distortions: Vec::new(),
            friend: None,
            helps: None,
            evidence_for: None,
            evidence_against: None,
            reframe: None,
        })
    }

    pub fn day(&self) -> NaiveDate {
        self.at.date_naive()
    }

    /// How far belief in the thought fell after reframing (before − after), in points.
    pub fn belief_relief(&self) -> Option<i32> {
        Some(i32::from(self.belief?.get()) - i32::from(self.belief_after?.get()))
    }

    /// How far the mean intensity of the emotions fell, over emotions rated both times.
    pub fn intensity_relief(&self) -> Option<f64> {
        let pairs: Vec<(f64, f64)> = self
            .emotions
            .iter()
            .filter_map(|e| {
                Some((
                    f64::from(e.intensity?.get()),
                    f64::from(e.intensity_after?.get()),
                ))
            })
            .collect();
        if pairs.is_empty() {
            return None;
        }
        let n = pairs.len() as f64;
        let before: f64 = pairs.iter().map(|p| p.0).sum::<f64>() / n;
        let after: f64 = pairs.iter().map(|p| p.1).sum::<f64>() / n;
        Some(before - after)
    }
}

/// Reads `NAME=0..100` as given to `--emotion`.
pub fn parse_felt_emotion(text: &str) -> Result<FeltEmotion, InvalidInput> {
    let (name, value) = match text.rsplit_once('=') {
        Some((n, v)) => (n, Some(v)),
        None => (text, None),
    };
    Ok(FeltEmotion {
        name: Label::new("--emotion", name)?,
        intensity: value
            .map(|v| {
                Percent::parse("--emotion", v)
                    .map_err(|e| e.for_field(&format!("the intensity of {}", name.trim())))
            })
            .transpose()?,
        intensity_after: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-29T09:00:00+00:00").unwrap()
    }

    fn pct(v: u8) -> Option<Percent> {
        Some(Percent::new(v).unwrap())
    }

    #[test]
    fn an_empty_thought_is_refused() {
        assert!(Thought::new(at(), "  \n").is_err());
        assert_eq!(
            Thought::new(at(), "I mess up\n").unwrap().thought,
            "I mess up"
        );
    }

    #[test]
    fn belief_relief_is_before_minus_after() {
        let mut t = Thought::new(at(), "I always mess this up").unwrap();
        assert_eq!(t.belief_relief(), None);
        t.belief = pct(80);
        assert_eq!(t.belief_relief(), None, "no after, no relief");
        t.belief_after = pct(40);
        assert_eq!(t.belief_relief(), Some(40));
        t.belief_after = pct(90);
        assert_eq!(t.belief_relief(), Some(-10), "a rise is shown honestly");
    }

    #[test]
    fn intensity_relief_is_the_drop_in_mean_over_emotions_rated_twice() {
        let mut t = Thought::new(at(), "I'm useless").unwrap();
        let e = |name: &str, b: Option<Percent>, a: Option<Percent>| FeltEmotion {
            name: Label::new("e", name).unwrap(),
            intensity: b,
            intensity_after: a,
        };
        t.emotions = vec![
            e("shame", pct(90), pct(50)),
            e("sad", pct(60), pct(40)),
            e("angry", pct(70), None), // not rated after: left out of both means
        ];
        // before mean (90+60)/2 = 75, after mean (50+40)/2 = 45
        assert_eq!(t.intensity_relief(), Some(30.0));
        t.emotions.truncate(0);
        assert_eq!(t.intensity_relief(), None);
    }

    #[test]
    fn felt_emotion_reads_name_and_intensity() {
        let e = parse_felt_emotion("shame=85").unwrap();
        assert_eq!(e.name.as_str(), "shame");
        assert_eq!(e.intensity.map(Percent::get), Some(85));
        assert!(parse_felt_emotion("shame").unwrap().intensity.is_none());
        let err = parse_felt_emotion("shame=120").unwrap_err().to_string();
        assert!(
            err.contains("the intensity of shame is a whole number from 0 to 100"),
            "{err}"
        );
        assert!(parse_felt_emotion("=40").is_err());
    }
}
