namespace TaxiiConnector.Taxii.Taxii1;

/// <summary>Why a poll's fulfilment loop stopped.</summary>
public enum Taxii1PollEnd
{
    /// <summary>Still reading.</summary>
    None,

    /// <summary>A Poll_Response said <c>more="false"</c> (or had no <c>more</c>): the result is complete.</summary>
    Complete,

    /// <summary>A Poll_Fulfillment got an empty body: ThreatConnect's way to say there are no more parts (cabby #79).</summary>
    EmptyBody,

    /// <summary>A Poll_Fulfillment got INVALID_RESPONSE_PART: the previous part was the last one.</summary>
    InvalidResponsePart,

    /// <summary>The part cap was reached while the server still said <c>more="true"</c>: the result may be incomplete.</summary>
    PartCap,
}

/// <summary>What a poll did so far; filled while the caller enumerates <see cref="Taxii1Client.PollAsync"/>.</summary>
public sealed class Taxii1PollProgress
{
    public int Parts { get; internal set; }

    public int ContentBlocks { get; internal set; }

    public string? ResultId { get; internal set; }

    public Taxii1PollEnd End { get; internal set; }

    /// <summary>True when the server's whole result was read (every end but <see cref="Taxii1PollEnd.PartCap"/>).</summary>
    public bool IsComplete => End is Taxii1PollEnd.Complete or Taxii1PollEnd.EmptyBody or Taxii1PollEnd.InvalidResponsePart;
}
