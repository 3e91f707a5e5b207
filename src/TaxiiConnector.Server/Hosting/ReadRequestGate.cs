using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using TaxiiConnector.Server.Protocol;
using TaxiiConnector.Server.Storage;

namespace TaxiiConnector.Server.Hosting;

/// <summary>
/// What every read-side request goes through: counting (for callers watching traffic), the <c>Accept</c> check,
/// collection lookup by id or alias, and TAXII error answers.
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

    public void CountRequest() => Interlocked.Increment(ref _requestCount);

    public void CountObjectsRequest() => Interlocked.Increment(ref _objectsRequestCount);

    /// <summary>Counts the request and answers 406 (returning true) when its <c>Accept</c> does not take TAXII 2.1.</summary>
    public async Task<bool> RejectedAsync(HttpContext context, CancellationToken cancellationToken)
    {
        CountRequest();
        if (!TaxiiAcceptHeader.AcceptsTaxii21(context.Request.Headers.Accept))
        {
            await RejectAsync(context, TaxiiError.NotAcceptable, cancellationToken).ConfigureAwait(false);
            return true;
        }

        return false;
    }

    public Task RejectAsync(HttpContext context, TaxiiError error, CancellationToken cancellationToken) =>
        RejectAsync(context, error.StatusCode, error.Title, error.Description, cancellationToken);

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
