using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using TaxiiConnector.Server.Faults;
using TaxiiConnector.Server.Protocol;
using TaxiiConnector.Server.Storage;

namespace TaxiiConnector.Server.Hosting;

/// <summary>
/// What every read-side request goes through: numbering (for fault plans and for callers counting traffic), the
/// <c>Accept</c> check, the fault plan's decision, collection lookup by id or alias, and TAXII error answers.
/// </summary>
internal sealed class ReadRequestGate
{
    private readonly TaxiiServerOptions _options;
    private readonly ILogger _logger;
    private long _requestCount;
    private long _objectsRequestCount;

    public ReadRequestGate(TaxiiServerOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
    }

    public long RequestCount => Interlocked.Read(ref _requestCount);

    public long ObjectsRequestCount => Interlocked.Read(ref _objectsRequestCount);

    public long NextRequestNumber() => Interlocked.Increment(ref _requestCount);

    public long NextObjectsRequestNumber() => Interlocked.Increment(ref _objectsRequestCount);

    public async Task<bool> RejectedAsync(HttpContext context, TaxiiEndpoint endpoint, string? collectionId, CancellationToken cancellationToken)
    {
        var requestNumber = NextRequestNumber();
        if (!TaxiiAcceptHeader.AcceptsTaxii21(context.Request.Headers.Accept))
        {
            await RejectAsync(context, StatusCodes.Status406NotAcceptable, "Not acceptable", $"Send Accept: {TaxiiMediaTypes.Taxii21}.", cancellationToken);
            return true;
        }

        var fault = Decide(new FaultRequestContext(endpoint, requestNumber, 0, 0, collectionId));
        if (fault?.Kind == TaxiiFaultKind.Status)
        {
            await WriteStatusFaultAsync(context, fault, cancellationToken);
            return true;
        }

        return false;
    }

    public TaxiiFault? Decide(FaultRequestContext request)
    {
        var fault = _options.FaultPlan?.Decide(request);
        if (fault is not null)
        {
            Log.FaultInjected(_logger, fault.Kind, fault.StatusCode, request.RequestNumber, request.Endpoint, request.PageNumber);
        }

        return fault;
    }

    public static Task WriteStatusFaultAsync(HttpContext context, TaxiiFault fault, CancellationToken cancellationToken)
    {
        if (fault.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return TaxiiResponses.WriteErrorAsync(context, fault.StatusCode, "Injected fault", $"The test server was told to answer {fault.StatusCode}.", cancellationToken);
    }

    public Task RejectAsync(HttpContext context, int statusCode, string title, string? description, CancellationToken cancellationToken)
    {
        Log.RequestRejected(_logger, context.Request.Method, context.Request.Path, statusCode, description ?? title);
        return TaxiiResponses.WriteErrorAsync(context, statusCode, title, description, cancellationToken);
    }

    public TaxiiCollectionInfo? FindCollection(string idOrAlias)
    {
        foreach (var collection in _options.Store.Collections)
        {
            if (collection.Id == idOrAlias || (collection.Alias is not null && collection.Alias == idOrAlias))
            {
                return collection;
            }
        }

        return null;
    }
}
