// One collection at a time: the live tests time deliveries to the second, and two gateways and browsers
// side by side on a small machine would take that time from each other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
