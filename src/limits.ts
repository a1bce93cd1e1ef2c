/** Discord's limits, named once. Sources: discord.com/developers/docs (Message, Embed, Interaction). */
export const DISCORD = {
  contentMax: 2_000,
  embedTitleMax: 256,
  embedDescriptionMax: 4_096,
  embedFieldsMax: 25,
  embedFieldNameMax: 256,
  embedFieldValueMax: 1_024,
  embedFooterMax: 2_048,
  embedTotalMax: 6_000,
  embedsPerMessage: 10,
  autocompleteChoicesMax: 25,
  choiceNameMax: 100,
  choiceValueMax: 100,
  customIdMax: 100,
  buttonLabelMax: 80,
  actionRowsMax: 5,
  buttonsPerRow: 5,
  ackDeadlineMs: 3_000,
  /** Files on one message. */
  attachmentsPerMessage: 10,
  /** Bytes per file a bot may upload to a server without boosts. */
  attachmentBytesMax: 10 * 1024 * 1024,
  /** An attachment's description (alt text). */
  attachmentDescriptionMax: 1_024,
  modalTitleMax: 45,
  textInputLabelMax: 45,
  textInputValueMax: 4_000,
  textInputPlaceholderMax: 100,
} as const;

/** A Discord id (a snowflake): 17 to 20 digits. */
export const SNOWFLAKE = /^\d{17,20}$/;

/** netlab's own budgets, chosen below Discord's limits to leave room for decoration. */
export const BUDGET = {
  /** One library section rendered for one message or embed. */
  sectionChars: 1_800,
  /** An inline code block of demo output before it moves to an attachment. */
  inlineOutputChars: 1_500,
  /** A question longer than this is refused politely. */
  questionMaxChars: 500,
  /** Search results returned by ask(). */
  askResults: 5,
} as const;

/**
 * How fast one member may go (token buckets, see src/discord/rate-limit.ts). Commands and
 * buttons follow MEMBER_COMMAND_BURST and MEMBER_COMMAND_EVERY_MS (8, then one every 3 s).
 */
export const PACE = {
  /** Autocomplete calls (one per keystroke): a burst of 40, then 5 a second. */
  autocomplete: { capacity: 40, refillMs: 200 },
  /** The same classmate is pinged through `mention` at most once a minute per server. */
  mentionCooldownMs: 60_000,
} as const;
