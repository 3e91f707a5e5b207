using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace TaxiiConnector.Stix.Transform;

/// <summary>
/// What the label rules make of one label text (score lists, exclusion regexes, character replacements), decided once
/// per distinct label. Feeds repeat a handful of labels millions of times, and every regex call pays its timeout set-up.
/// A decision whose regexes timed out is never cached, so each object carrying that label logs the timeout as before.
/// Thread-safe.
/// </summary>
internal sealed class LabelRuleCache
{
    public const int DefaultCapacity = 4096;

    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    private readonly BoundedCache<LabelDecision> _cache;
    private readonly Regex[] _exclude;
    private readonly KeyValuePair<string, string>[] _replacements;
    private readonly HashSet<string> _high;
    private readonly HashSet<string> _medium;
    private readonly HashSet<string> _low;
    private readonly ILogger _logger;

    public LabelRuleCache(
        Regex[] exclude,
        KeyValuePair<string, string>[] replacements,
        HashSet<string> high,
        HashSet<string> medium,
        HashSet<string> low,
        ILogger logger,
        int capacity = DefaultCapacity)
    {
        _exclude = exclude;
        _replacements = replacements;
        _high = high;
        _medium = medium;
        _low = low;
        _logger = logger;
        _cache = new BoundedCache<LabelDecision>(capacity);
    }

    /// <summary>Distinct labels cached so far.</summary>
    public int Count => _cache.Count;

    /// <param name="label">A non-empty label.</param>
    /// <param name="objectId">The UTF-8 id of the object being transformed, for the timeout warning.</param>
    public LabelDecision Get(ReadOnlySpan<char> label, ReadOnlySpan<byte> objectId) =>
        _cache.TryGet(label, out var decision) ? decision : Decide(label.ToString(), objectId);

    /// <inheritdoc cref="Get(ReadOnlySpan{char}, ReadOnlySpan{byte})"/>
    public LabelDecision Get(string label, ReadOnlySpan<byte> objectId) =>
        _cache.TryGet(label, out var decision) ? decision : Decide(label, objectId);

    private LabelDecision Decide(string label, ReadOnlySpan<byte> objectId)
    {
        var timedOut = false;
        string? final = IsExcluded(label, objectId, ref timedOut) ? null : Replace(label);
        var decision = new LabelDecision(
            label,
            _high.Contains(label),
            _medium.Contains(label),
            _low.Contains(label),
            final is { Length: > 0 } ? final : null);
        return timedOut ? decision : _cache.Add(label, decision);
    }

    private bool IsExcluded(string label, ReadOnlySpan<byte> objectId, ref bool timedOut)
    {
        foreach (var regex in _exclude)
        {
            try
            {
                if (regex.IsMatch(label))
                {
                    return true;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                timedOut = true;
                Log.LabelRegexTimedOut(_logger, regex.ToString(), Encoding.UTF8.GetString(objectId));
            }
        }

        return false;
    }

    private string Replace(string label)
    {
        foreach (var (find, replace) in _replacements)
        {
            label = label.Replace(find, replace, StringComparison.Ordinal);
        }

        return label;
    }

    /// <summary>One label's fate.</summary>
    /// <param name="Label">The label as the producer wrote it (what duplicates and the score lists compare).</param>
    /// <param name="IsHigh">In the high-score labels (case-insensitive).</param>
    /// <param name="IsMedium">In the medium-score labels.</param>
    /// <param name="IsLow">In the low-score labels.</param>
    /// <param name="Final">The label to write after exclusion and replacements; null when it is dropped.</param>
    internal sealed record LabelDecision(string Label, bool IsHigh, bool IsMedium, bool IsLow, string? Final)
    {
        /// <summary><see cref="Final"/> escaped once, as the writer's encoder would.</summary>
        public JsonEncodedText FinalJson { get; } = Final is null ? default : JsonEncodedText.Encode(Final, Encoder);
    }
}
