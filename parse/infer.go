package parse

import (
	"strings"

	"github.com/jobstats/jobstats"
)

// InferPeriod returns the pay period an amount in currency most likely
// covers when the source does not say, judged against typical pay in that
// currency (hourly rates, day rates, monthly and yearly salaries); it is
// the rule Salary uses for text without a period. Unknown currencies are
// judged like USD.
func InferPeriod(amount float64, currency string) jobstats.Period {
	cur := strings.ToUpper(strings.TrimSpace(currency))
	return salInferPeriod(amount, cur, salScaleOf(cur))
}
