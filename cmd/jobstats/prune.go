package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"
)

func (a *app) pruneCommand() *cobra.Command {
	var before string
	var compact bool
	cmd := &cobra.Command{
		Use:   "prune",
		Short: "Remove listings closed before a day, and compact the database",
		Long: `prune deletes listings that were closed before the given day, with their
descriptions. Open listings, runs and the stats snapshots behind
'stats history' stay. With --compact the database file is rewritten without
the free space (the daemon must not be writing meanwhile; prune waits for it).`,
		Example: `  jobstats prune --closed-before 2026-01-01 --compact`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if before == "" && !compact {
				return fmt.Errorf("%w: give --closed-before DATE, --compact, or both", errUsage)
			}
			var t time.Time
			if before != "" {
				var err error
				if t, err = time.Parse(time.DateOnly, before); err != nil {
					return fmt.Errorf("%w: --closed-before %q: want YYYY-MM-DD", errUsage, before)
				}
			}
			ctx := cmd.Context()
			return a.withDB(ctx, true, func(db database) error {
				if before != "" {
					n, err := db.Prune(ctx, t)
					if err != nil {
						return err
					}
					fmt.Fprintf(a.stdout, "removed %d listings closed before %s\n", n, before)
				}
				if compact {
					if err := db.Compact(ctx); err != nil {
						return err
					}
					fmt.Fprintf(a.stdout, "compacted %s\n", db.Path())
				}
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&before, "closed-before", "", "remove listings closed before this day (YYYY-MM-DD)")
	cmd.Flags().BoolVar(&compact, "compact", false, "rewrite the database file compactly")
	return cmd
}
