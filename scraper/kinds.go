package scraper

// kinds maps each source kind to its constructor. Add a kind here.
var kinds = map[string]constructor{
	// "jsonld": newJSONLD,
}
