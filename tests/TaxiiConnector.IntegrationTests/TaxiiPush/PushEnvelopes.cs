using System.Globalization;
using System.Text;

namespace TaxiiConnector.IntegrationTests.TaxiiPush;

/// <summary>STIX 2.1 envelopes a partner would POST.</summary>
internal static class PushEnvelopes
{
    public static string IndicatorId(int index) => $"indicator--11111111-2222-4333-8444-{index:D12}";

    public static string Indicator(int index, int confidence = 70)
    {
        var created = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(index).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return $$"""{"type":"indicator","spec_version":"2.1","id":"{{IndicatorId(index)}}","created":"{{created}}","modified":"{{created}}","name":"pushed {{index}}","pattern":"[domain-name:value = 'push{{index}}.example.com']","pattern_type":"stix","valid_from":"{{created}}","confidence":{{confidence}}}""";
    }

    public const string MalwareId = "malware--aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";

    public const string Malware = """{"type":"malware","spec_version":"2.1","id":"malware--aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee","created":"2026-03-01T00:00:00.000Z","modified":"2026-03-01T00:00:00.000Z","name":"PushedRAT","is_family":true}""";

    public static string Envelope(params string[] objects) => "{\"objects\":[" + string.Join(',', objects) + "]}";

    public static string Indicators(int count, int first = 0) => Envelope([.. Enumerable.Range(first, count).Select(i => Indicator(i))]);

    public static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);
}
