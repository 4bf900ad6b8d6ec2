package report

// MdTextForTest exposes the Markdown escaping to the external tests.
var MdTextForTest = mdText
