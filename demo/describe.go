package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/jobstats/jobstats"
)

// describe writes a posting's description. Besides the facts it carries
// (experience, skills, degree, pay), it holds the numbers real descriptions
// hold that are none of those: founding years, head counts, funding rounds,
// retirement matches, equity, learning budgets, street numbers.
func describe(r *rand.Rand, p *posting, ro *role, level jobstats.Seniority, team, years, payLine string, payStandalone bool,
	degLine string, core, extra, nice []string, cert string, certRequired bool) []block {
	bs := make([]block, 0, 40)
	add := func(tag, text string) { bs = append(bs, block{tag, text}) }
	addf := func(tag, format string, args ...any) { add(tag, fmt.Sprintf(format, args...)) }
	co := p.company

	// About the company.
	addf("h3", "About %s", co.name)
	about := fmt.Sprintf("%s builds %s. Founded in %d, we are %d people", co.name, co.product, co.founded, co.people)
	if co.funding != "" {
		about += fmt.Sprintf(", backed by a %s raised in %d", co.funding, 2022+r.IntN(4))
	}
	about += "."
	if strings.HasPrefix(co.hqAddress, "a ") {
		about += " We are " + co.hqAddress + " across 14 time zones."
	} else {
		about += " Our headquarters are at " + co.hqAddress + "."
	}
	if co.edtech {
		about += fmt.Sprintf(" More than %d million learners have used %s to earn a university degree online.", 1+r.IntN(3), co.name)
	}
	if r.Float64() < 0.3 {
		about += fmt.Sprintf(" Over %s customers rely on us every day.", group(int64(1000*(2+r.IntN(40))), ","))
	}
	add("p", about)

	// The role.
	add("h3", "The role")
	article := "As a "
	if level == jobstats.SeniorityIntern {
		article = "As an "
	}
	roleText := article + levelAdjective(level) + ro.name
	if team != "" {
		roleText += " on our " + team + " team"
	}
	roleText += ", " + ro.mission + "."
	roleText += fmt.Sprintf(" You will join a team of %d engineers", 4+r.IntN(12))
	if r.IntN(2) == 0 {
		roleText += fmt.Sprintf(" reporting to our %s", pick(r, []string{"VP of Engineering", "Head of Data", "CTO", "Director of Product"}))
	}
	roleText += "."
	switch {
	case p.Remote:
		roleText += " This is a fully remote position; we meet in person twice a year."
	case r.Float64() < 0.4:
		roleText += fmt.Sprintf(" This is a hybrid role: we spend %s days a week in our %s office.", pick(r, []string{"two", "three"}), p.city.name)
	}
	switch p.EmploymentType {
	case "CONTRACTOR":
		roleText += fmt.Sprintf(" This is a %d-month contract with a view to extension.", 6+6*r.IntN(2))
	case "PART_TIME":
		roleText += " This is a part-time role of 20 hours a week."
	case "INTERN":
		roleText += " The internship runs for 12 weeks starting in June."
	}
	if r.Float64() < 0.15 {
		roleText += " You'll go from idea to production in weeks, not quarters."
	}
	if (ro.name == "Data Scientist" || ro.name == "Machine Learning Engineer") && r.Float64() < 0.3 {
		roleText += " You enjoy models with many degrees of freedom and know when to constrain them."
	}
	inlinePay := payLine != "" && !payStandalone && r.IntN(4) == 0
	if inlinePay {
		roleText += " " + paySentence(r, payLine)
	}
	add("p", roleText)

	add("h3", "What you'll do")
	for _, d := range pickN(r, ro.duties, 3+r.IntN(2)) {
		add("li", d)
	}

	// Requirements.
	add("h3", pick(r, []string{"What we're looking for", "Requirements", "About you"}))
	if years != "" {
		add("li", years)
	}
	addf("li", pick(r, []string{"Strong experience with %s", "Production experience in %s", "You have built and shipped software with %s", "Fluency in %s"}),
		joinList(written(r, core), pick(r, []string{"and", "and", "or"})))
	addf("li", pick(r, []string{"Hands-on experience with %s", "Familiarity with %s", "Comfortable working with %s"}),
		joinList(written(r, extra), "and"))
	preferred := p.Degree == jobstats.DegreePreferred
	if degLine != "" && !preferred {
		add("li", degLine)
	}
	if cert != "" && certRequired {
		addf("li", "%s (or the willingness to get certified within your first six months)", capitalize(pick(r, certPhrases[cert])))
	}
	add("li", pick(r, []string{"Clear written communication in English", "You explain trade-offs clearly to technical and non-technical colleagues", "A habit of leaving code better than you found it"}))

	if len(nice) > 0 || (degLine != "" && preferred) || (cert != "" && !certRequired) {
		add("h3", pick(r, []string{"Nice to have", "Bonus points"}))
		if len(nice) > 0 {
			addf("li", "Exposure to %s", joinList(written(r, nice), "or"))
		}
		if degLine != "" && preferred {
			add("li", degLine)
		}
		if cert != "" && !certRequired {
			addf("li", "%s is a plus", pick(r, certPhrases[cert]))
		}
	}

	// Pay, unless it went into the role paragraph.
	// Pay in the benefits list carries no label, so only a full range is
	// put there: "up to $216,000" alone among perks could be any budget.
	benefitPay := false
	if payLine != "" && !inlinePay {
		if !payStandalone && r.IntN(3) == 0 && p.TextPay != nil && p.TextPay.Min > 0 && p.TextPay.Max > p.TextPay.Min {
			benefitPay = true
		} else {
			add("h3", pick(r, []string{"Compensation", "Salary", "Pay"}))
			if payStandalone {
				add("p", sentence(payLine))
			} else {
				add("p", paySentence(r, payLine))
			}
		}
	}

	add("h3", pick(r, []string{"What we offer", "Benefits", "Perks"}))
	if benefitPay {
		addf("li", "%s", payLine)
	}
	for _, b := range pickN(r, benefits[p.Country], 3) {
		add("li", b)
	}
	if co.startup && r.Float64() < 0.5 {
		addf("li", "Equity: %s%% – %s%% in stock options", pick(r, []string{"0.02", "0.05", "0.1"}), pick(r, []string{"0.15", "0.2", "0.25"}))
	}
	if r.Float64() < 0.1 {
		addf("li", "An annual learning budget of %s", learningBudget(p.country.currency))
	}
	addf("p", "%s is an equal opportunity employer. We welcome applicants of every background.", co.name)
	return bs
}

// levelAdjective is the level as a word in "As a senior Backend Engineer".
func levelAdjective(l jobstats.Seniority) string {
	switch l {
	case jobstats.SeniorityIntern:
		return "intern "
	case jobstats.SeniorityJunior:
		return "junior "
	case jobstats.SenioritySenior:
		return "senior "
	case jobstats.SeniorityLead:
		return "lead "
	case jobstats.SeniorityPrincipal:
		return "principal "
	}
	return ""
}

// written chooses a written form for each skill.
func written(r *rand.Rand, skills []string) []string {
	out := make([]string, len(skills))
	for i, s := range skills {
		out[i] = pick(r, forms(s))
	}
	return out
}

// paySentence wraps a pay phrase in a sentence.
func paySentence(r *rand.Rand, pay string) string {
	switch r.IntN(4) {
	case 0:
		return sentence("The salary range for this role is " + pay)
	case 1:
		return sentence("Compensation: " + pay)
	case 2:
		return sentence("We offer " + pay + ", depending on experience")
	}
	return sentence("Base pay: " + pay)
}

// sentence ends s with a full stop unless it ends with one.
func sentence(s string) string {
	if strings.HasSuffix(s, ".") {
		return s
	}
	return s + "."
}

// learningBudget is a yearly training allowance: an amount that is not pay.
func learningBudget(currency string) string {
	switch currency {
	case "USD":
		return "$1,500"
	case "GBP":
		return "£1,000"
	case "EUR":
		return "€1.500"
	case "CAD":
		return "CA$2,000"
	case "INR":
		return "₹50,000"
	case "BRL":
		return "R$ 3.000"
	case "PLN":
		return "4 000 zł"
	}
	return "$1,500"
}

// capitalize upper-cases the first letter of an ASCII-initial phrase.
func capitalize(s string) string {
	if s != "" && s[0] >= 'a' && s[0] <= 'z' {
		return string(s[0]-'a'+'A') + s[1:]
	}
	return s
}
