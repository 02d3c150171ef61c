// Each fault test runs a cluster of real processes and measures outages in seconds: run side by side on a 2-core
// machine they starve each other into timeouts that are not the fault under test. One at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
