// libtorch's thread count is process-wide and these tests time and compare runs, so they run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
