namespace TaxiiConnector.Taxii.Taxii1.Polling;

/// <summary>One poll window (<see cref="ExclusiveBegin"/>, <see cref="InclusiveEnd"/>]; the next window begins at this one's end.</summary>
public readonly record struct Taxii1PollWindow(DateTimeOffset ExclusiveBegin, DateTimeOffset InclusiveEnd)
{
    public TimeSpan Length => InclusiveEnd - ExclusiveBegin;

    public override string ToString() => $"({Taxii1Timestamp.ToWire(ExclusiveBegin)}, {Taxii1Timestamp.ToWire(InclusiveEnd)}]";
}
