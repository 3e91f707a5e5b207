namespace TaxiiConnector.Testing.Generated;

/// <summary>The shape of a generated collection (the benchmark's source: any size, nothing held in memory).</summary>
public sealed class GeneratedCollectionOptions
{
    public string CollectionId { get; init; } = "7f3e9a12-5b6c-4d8e-9f01-2a3b4c5d6e7f";

    public string Title { get; init; } = "Generated benchmark collection";

    /// <summary>How many objects the collection holds.</summary>
    public long ObjectCount { get; init; } = 100_000;

    /// <summary>Same seed, same collection: every object's bytes depend only on the seed and its index.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>The <c>date_added</c> of object 0.</summary>
    public DateTimeOffset FirstDateAdded { get; init; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The gap between consecutive <c>date_added</c> values: whole microseconds, at least one.</summary>
    public TimeSpan DateAddedInterval { get; init; } = TimeSpan.FromMilliseconds(1);

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(CollectionId);
        ArgumentException.ThrowIfNullOrWhiteSpace(Title);
        ArgumentOutOfRangeException.ThrowIfNegative(ObjectCount);
        if (DateAddedInterval < TimeSpan.FromMicroseconds(1) || DateAddedInterval.Ticks % (TimeSpan.TicksPerMillisecond / 1000) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(DateAddedInterval), DateAddedInterval, "The interval must be a whole number of microseconds, at least one.");
        }

        if (FirstDateAdded.UtcTicks % (TimeSpan.TicksPerMillisecond / 1000) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(FirstDateAdded), FirstDateAdded, "The first date_added must be a whole number of microseconds.");
        }

        var lastTicks = (decimal)FirstDateAdded.UtcTicks + ((decimal)DateAddedInterval.Ticks * ObjectCount);
        if (lastTicks > DateTimeOffset.MaxValue.UtcTicks)
        {
            throw new ArgumentOutOfRangeException(nameof(ObjectCount), ObjectCount, "The collection's date_added values would run past the end of time.");
        }
    }
}
