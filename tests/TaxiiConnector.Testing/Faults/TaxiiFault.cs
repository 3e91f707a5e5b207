namespace TaxiiConnector.Testing.Faults;

/// <summary>What the server does wrong on purpose for one request.</summary>
public enum TaxiiFaultKind
{
    /// <summary>Answer with an HTTP error status (500, 503, 429, ...) and a TAXII error body, optionally with <c>Retry-After</c>.</summary>
    Status,

    /// <summary>
    /// Announce the page's full <c>Content-Length</c>, send part of the body, then close the connection: the client's
    /// read fails in the middle of the body, as with a connection reset.
    /// </summary>
    ResetMidBody,

    /// <summary>Write part of the page's body and end the response normally: well-framed HTTP carrying truncated JSON.</summary>
    TruncatedJson,

    /// <summary>Serve the page with <c>more: true</c> and a <c>next</c> that leads back to this same page, for ever.</summary>
    RepeatPage,

    /// <summary>Serve the page with <c>more: true</c> but without <c>next</c> (the client must fall back to <c>added_after</c>).</summary>
    MoreWithoutNext,

    /// <summary>Insert one invalid STIX object into the page, in addition to the page's real objects.</summary>
    InvalidObject,
}

/// <summary>One injected fault. Build with the factory methods.</summary>
public sealed record TaxiiFault
{
    /// <summary>The default object for <see cref="TaxiiFaultKind.InvalidObject"/>: valid JSON, but a STIX object with no <c>id</c>.</summary>
    public const string DefaultInvalidObjectJson =
        """{"type":"indicator","spec_version":"2.1","name":"fault-injected object without an id","pattern":"[ipv4-addr:value = '192.0.2.1']","pattern_type":"stix"}""";

    private TaxiiFault(TaxiiFaultKind kind)
    {
        Kind = kind;
    }

    public TaxiiFaultKind Kind { get; }

    /// <summary>The status code of a <see cref="TaxiiFaultKind.Status"/> fault.</summary>
    public int StatusCode { get; private init; }

    /// <summary>The <c>Retry-After</c> value (whole seconds) of a <see cref="TaxiiFaultKind.Status"/> fault, if any.</summary>
    public TimeSpan? RetryAfter { get; private init; }

    /// <summary>The share of the body written before a reset or a truncation (0 &lt; fraction &lt; 1).</summary>
    public double BodyFraction { get; private init; }

    /// <summary>The JSON inserted by an <see cref="TaxiiFaultKind.InvalidObject"/> fault.</summary>
    public string InvalidObjectJson { get; private init; } = DefaultInvalidObjectJson;

    /// <summary>Where in the page the invalid object goes (0-based; clamped to the page; null = the middle).</summary>
    public int? InvalidObjectPosition { get; private init; }

    public static TaxiiFault Status(int statusCode, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        if (retryAfter is { } delay)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        }

        return new TaxiiFault(TaxiiFaultKind.Status) { StatusCode = statusCode, RetryAfter = retryAfter };
    }

    public static TaxiiFault InternalServerError() => Status(500);

    public static TaxiiFault ServiceUnavailable(TimeSpan? retryAfter = null) => Status(503, retryAfter);

    public static TaxiiFault TooManyRequests(TimeSpan retryAfter) => Status(429, retryAfter);

    public static TaxiiFault ResetMidBody(double bodyFraction = 0.5) =>
        new(TaxiiFaultKind.ResetMidBody) { BodyFraction = ValidFraction(bodyFraction) };

    public static TaxiiFault TruncatedJson(double bodyFraction = 0.5) =>
        new(TaxiiFaultKind.TruncatedJson) { BodyFraction = ValidFraction(bodyFraction) };

    public static TaxiiFault RepeatPage() => new(TaxiiFaultKind.RepeatPage);

    public static TaxiiFault MoreWithoutNext() => new(TaxiiFaultKind.MoreWithoutNext);

    public static TaxiiFault InvalidObject(int? position = null, string? json = null)
    {
        if (position is { } at)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(at);
        }

        return new TaxiiFault(TaxiiFaultKind.InvalidObject)
        {
            InvalidObjectPosition = position,
            InvalidObjectJson = json ?? DefaultInvalidObjectJson,
        };
    }

    private static double ValidFraction(double fraction) =>
        fraction is > 0 and < 1 ? fraction : throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The fraction must be between 0 and 1, exclusive.");
}
