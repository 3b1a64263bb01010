//! Everything a person can ask of the TUI. Keys become actions; only actions change state.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    ToggleHelp,
    NextPane,
    PrevPane,
    /// Save the form being edited (Ctrl-S), from any field.
    Save,
    /// Leave the text editor, keeping what was typed (Esc).
    LeaveText,
    /// Stop editing a saved check-in and leave it as it was.
    CancelEdit,
    FocusNext,
    FocusPrev,
    /// ← / h: lower a scale, or move left among chips.
    Left,
    /// → / l: raise a scale, or move right among chips.
    Right,
    /// Space: pick or unpick the chip under the cursor.
    Toggle,
    /// Enter on a field: write in the note, pick a chip, or move on.
    Activate,
    ClearField,
    SetMood(u8),
    /// From the list of check-ins back to the form.
    BackToForm,
    EarlierDay,
    LaterDay,
    EditSelected,
    TrashSelected,
    UndoTrash,
    ToggleTrash,
    HelpUp,
    HelpDown,
    /// Start a thought record, or carry on with the one waiting.
    NewRecord,
    CycleVoice,
    CycleTrap,
    CycleSpan,
    ClearFilters,
    NextStep,
    PrevStep,
    /// Offer the next or previous voice heard before.
    SuggestNext,
    SuggestPrev,
    /// Start a letter to yourself.
    NewLetter,
    /// Open the one-minute self-compassion break.
    StartBreak,
    /// Open search across everything.
    OpenSearch,
    /// Read the letter kindly is offering.
    OpenOffer,
    /// Let the offered letter rest for today.
    DismissOffer,
    /// Look over more weeks, or fewer.
    LongerSpan,
    ShorterSpan,
    /// Set the focused 0–100 rating from a digit (1 = 10 … 9 = 90, 0 = 100).
    SetPercent(u8),
    /// Mark the record in view to bring to the next session (again: take the mark out).
    BringUp,
    /// Open the list of what to bring to the next session.
    OpenSession,
    /// In that list: the selected item was talked about, or all of them were.
    TalkedAbout,
    AllTalkedAbout,
    /// On the reframe step: start from the earlier answer that eased this thought most.
    UseEarlier,
    /// On an open page: keep the line under the cursor for the deck of kind words.
    KeepLine,
    /// Take the kind line shown out of the deck.
    RemoveKind,
    /// Set the day and time of the check-in on the form (`@`).
    SetWhen,
    /// Let an unsaved draft go (to the trash), once asked twice.
    Discard,
    /// Add an emotion or ritual of one's own to the form's row (`+`).
    AddChoice,
    /// Write the text in focus in the person's own editor ($VISUAL, else $EDITOR).
    OwnEditor,
    /// Scroll a view that doesn't fit by a page.
    PageDown,
    PageUp,
}
