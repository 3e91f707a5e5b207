using System.Text.Json;
using Microsoft.Extensions.Logging;
using TaxiiConnector.Dedup;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Sources.TaxiiPush;

/// <summary>
/// De-duplication of push envelopes (<c>taxii_push.dedup</c>): the same version store as the pulling sources, keyed by
/// push collection. Each delivery attempt is a session of its own: the database is opened, the envelope screened, its
/// new versions recorded once the sink acknowledged every bundle, and the file closed again. The push consumer runs
/// beside the scheduled runs, so it has its own <see cref="ObjectDeduplicator"/>: a run's end, which closes that
/// run's file, never closes it under a delivery.
/// </summary>
internal sealed class PushEnvelopeDedup : IDisposable
{
    private readonly ObjectDeduplicator? _deduplicator;
    private readonly SemaphoreSlim _session = new(1, 1);
    private int _expiredDay = int.MinValue;

    public PushEnvelopeDedup(DedupSettings settings, TimeProvider timeProvider, ILogger<ObjectDeduplicator> logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.IsEnabledFor(PushEnvelopeDelivery.SourceName))
        {
            _deduplicator = new ObjectDeduplicator(settings, timeProvider, logger);
        }
    }

    /// <summary>
    /// Leaves out of <paramref name="page"/>'s bundles what the sink already has for this collection. Dispose the result
    /// on every path: it closes the database (after recording, when <see cref="PushScreening.Acknowledged"/> was called).
    /// </summary>
    public PushScreening Screen(string collectionId, string title, TransformedPage page, IReadOnlyList<JsonElement> objects)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (_deduplicator is null)
        {
            return new PushScreening(this, null, page);
        }

        // One session at a time (the consumer delivers envelopes one by one): ending one closes the store.
        _session.Wait();
        try
        {
            var collection = _deduplicator.ForCollection(PushEnvelopeDelivery.SourceName, collectionId, title);
            return new PushScreening(this, collection?.Screen([page], objects), page);
        }
        catch
        {
            End();
            throw;
        }
    }

    public void Dispose()
    {
        _deduplicator?.Dispose();
        _session.Dispose();
    }

    /// <summary>Closes the session: writes what was recorded, expires old versions once a day, closes the file.</summary>
    private void End()
    {
        try
        {
            var today = _deduplicator!.Today();
            var expire = today != _expiredDay;
            _deduplicator.EndRun(expire);
            _expiredDay = today;
        }
        finally
        {
            _session.Release();
        }
    }

    /// <summary>One envelope's screening: the duplicates left out, and the versions to record after the acknowledgement.</summary>
    internal sealed class PushScreening : IDisposable
    {
        private readonly PushEnvelopeDedup _owner;
        private readonly PageScreening? _screening;
        private readonly TransformedPage _page;
        private bool _ended;

        internal PushScreening(PushEnvelopeDedup owner, PageScreening? screening, TransformedPage page)
        {
            _owner = owner;
            _screening = screening;
            _page = page;
        }

        /// <summary>Envelope positions of the objects left out because the sink already has their version.</summary>
        public IReadOnlyList<int> DuplicateIndexes => _screening?.DuplicateSourceIndexes ?? [];

        /// <summary>
        /// The sink acknowledged every bundle of the envelope (<paramref name="bundles"/> of them): its versions are recorded.
        /// Never called for a failed attempt, so nothing the sink did not take is ever recorded.
        /// </summary>
        public void Acknowledged(int bundles)
        {
            if (_screening is null)
            {
                return;
            }

            _screening.Seal([_page], [_page], bundles > 0);
            _screening.Record();
        }

        public void Dispose()
        {
            if (_ended || _owner._deduplicator is null)
            {
                return;
            }

            _ended = true;
            _owner.End();
        }
    }
}
