// README rule table and rule doc headers: `npm run docs` regenerates them, `npm run docs:check` (in CI) fails when stale.
/** @type {import('eslint-doc-generator').GenerateOptions} */
export default {
  configEmoji: [
    ['recommended', '✅'],
    ['strict', '🔒'],
  ],
  // Every rule is in `all`: a column of checkmarks says nothing.
  ignoreConfig: ['all'],
  ruleDocTitleFormat: 'desc-parens-prefix-name',
  // Rules without options say so in an Options section ("None."): every doc lists its options.
  ruleDocSectionOptions: false,
  ruleListColumns: ['name', 'description', 'configsError', 'configsWarn', 'fixable', 'hasSuggestions', 'options'],
};
