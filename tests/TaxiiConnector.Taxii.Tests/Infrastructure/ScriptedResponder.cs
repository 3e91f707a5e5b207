using System.Collections.Concurrent;
using WireMock;
using WireMock.Types;
using WireMock.Util;

namespace TaxiiConnector.Taxii.Tests.Infrastructure;

/// <summary>
/// Answers the n-th request with the n-th scripted response (the last one repeats) and records the fake clock at each
/// arrival, so tests can prove that a wait happened in fake time.
/// </summary>
public sealed class ScriptedResponder
{
    private readonly (int Status, string Body, (string Name, string Value)[] Headers)[] _script;
    private readonly TimeProvider _time;
    private int _count;

    public ScriptedResponder(TimeProvider time, params (int Status, string Body, (string Name, string Value)[] Headers)[] script)
    {
        _time = time;
        _script = script;
    }

    public ConcurrentQueue<DateTimeOffset> Arrivals { get; } = new();

    public ResponseMessage Respond(IRequestMessage request)
    {
        Arrivals.Enqueue(_time.GetUtcNow());
        var index = Math.Min(Interlocked.Increment(ref _count) - 1, _script.Length - 1);
        var (status, body, headers) = _script[index];
        var message = new ResponseMessage
        {
            StatusCode = status,
            Headers = new Dictionary<string, WireMockList<string>>(),
            BodyData = new BodyData { BodyAsString = body, DetectedBodyType = BodyType.String, Encoding = System.Text.Encoding.UTF8 },
        };
        foreach (var (name, value) in headers)
        {
            message.Headers[name] = new WireMockList<string>(value);
        }

        return message;
    }
}
