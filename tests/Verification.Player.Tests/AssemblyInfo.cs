// One collection, so one Host at a time: each builds Serilog's process-wide bootstrap logger, and two browsers with
// face analysis at once would only fight over the machine's cores.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly)]
