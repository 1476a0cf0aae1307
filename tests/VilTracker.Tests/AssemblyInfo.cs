// Tests share torch's process-wide random generator (manual_seed) and thread settings, so they run one class at a
// time: a seeded test then sees the same random numbers on every run.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
