//! Starting points for a letter: the built-in ones and the person's own.

/// A letter prompt: its key (stored with the letter), a short name and the words shown
/// above the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterPrompt {
    pub key: String,
    pub name: String,
    pub words: String,
}

/// The built-in prompts, in the order they are offered: key, name, words.
pub const BUILT_IN: [(&str, &str, &str); 3] = [
    (
        "friend",
        "From a caring friend",
        "Write to yourself the way a caring friend would: someone who knows what you're \
carrying, sees what you're doing well, and is on your side.",
    ),
    (
        "younger-self",
        "To your younger self",
        "Write to yourself at an age when things were hard. What did you need to hear then, \
and who could have said it?",
    ),
    (
        "loving-parent",
        "From a loving parent",
        "Write as a warm, steady parent to the child you were: what they would notice, and \
what they would want you to know.",
    ),
];

/// The built-in prompts, then the person's own (from config), each once.
pub fn letter_prompts(own: &[String]) -> Vec<LetterPrompt> {
    let mut all: Vec<LetterPrompt> = BUILT_IN
        .iter()
        .map(|(key, name, words)| LetterPrompt {
            key: key.to_string(),
            name: name.to_string(),
            words: words.to_string(),
        })
        .collect();
    for text in own {
        let text = text.trim();
        if !text.is_empty() && !all.iter().any(|p| p.key == text) {
            all.push(LetterPrompt {
                key: text.to_string(),
                name: text.to_string(),
                words: text.to_string(),
            });
        }
    }
    all
}

/// How a stored prompt reads: a built-in key by its name, the person's own words as given.
pub fn letter_prompt_words(key: &str) -> String {
    BUILT_IN
        .iter()
        .find(|(k, ..)| *k == key)
        .map(|(_, name, _)| name.to_string())
        .unwrap_or_else(|| key.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_prompts_follow_the_built_in_ones_once_each() {
        let own = vec![
            "To the part of me that is tired".to_string(),
            "  ".to_string(),
            "friend".to_string(),
            "To the part of me that is tired".to_string(),
        ];
        let keys: Vec<String> = letter_prompts(&own).into_iter().map(|p| p.key).collect();
        assert_eq!(
            keys,
            [
                "friend",
                "younger-self",
                "loving-parent",
                "To the part of me that is tired"
            ]
        );
        assert_eq!(letter_prompt_words("younger-self"), "To your younger self");
        assert_eq!(letter_prompt_words("To a tired me"), "To a tired me");
    }
}
