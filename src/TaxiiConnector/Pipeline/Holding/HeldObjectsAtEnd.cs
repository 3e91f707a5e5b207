using System.Threading.Channels;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Pipeline.Holding;

/// <summary>
/// The collection's end: every object still held goes to the push side after the last page, as pages that move no
/// cursor; their spool entries go once the sink acknowledged them.
/// </summary>
internal static class HeldObjectsAtEnd
{
    public static async Task WriteAsync(IPageBundler bundler, ReferenceHolding holding, StixTransformerOptions options,
        (int Number, string? Cursor) last, ChannelWriter<PreparedPage> writer, CancellationToken cancellationToken)
    {
        if (holding.HeldCount == 0)
        {
            return;
        }

        var number = last.Number;
        foreach (var bundles in bundler.BundleHeld(holding, options))
        {
            var prepared = new PreparedPage(++number, last.Cursor ?? string.Empty, 0, bundles.Dropped, bundles) { CommitsCursor = false };
            try
            {
                await writer.WriteAsync(prepared, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                prepared.Dispose();
                throw;
            }
        }
    }
}
