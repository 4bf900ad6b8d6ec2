package scraper

// kinds maps each source kind to its constructor. Add a kind here.
var kinds = map[string]constructor{
	"jsonld": newJSONLD,
	"html":   newHTML,
	// ATS kinds (one file each).
	"greenhouse":      newGreenhouse,
	"lever":           newLever,
	"ashby":           newAshby,
	"smartrecruiters": newSmartRecruiters,
	"workable":        newWorkable,
	"recruitee":       newRecruitee,
	"personio":        newPersonio,
	"workday":         newWorkday,
	"teamtailor":      newTeamtailor,
	"comeet":          newComeet,
	// Job-board kinds (one file each).
	"remoteok":    newRemoteOK,
	"remotive":    newRemotive,
	"arbeitnow":   newArbeitnow,
	"himalayas":   newHimalayas,
	"jobicy":      newJobicy,
	"crackeddevs": newCrackedDevs,
	"hn":          newHN,
	// Feeds (feed.go).
	"rss":           newRSS,
	"workingnomads": newWorkingNomads,
}
