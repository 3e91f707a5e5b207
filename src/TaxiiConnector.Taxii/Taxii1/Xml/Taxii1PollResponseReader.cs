using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace TaxiiConnector.Taxii.Taxii1.Xml;

/// <summary>
/// Reads one Poll_Response from the response stream: its attributes first, then one <c>Content_Block</c> at a time
/// (each its own small <see cref="XElement"/>), never the whole message.
/// </summary>
internal sealed class Taxii1PollResponseReader : IDisposable
{
    private static readonly XName ContentBlockName = Taxii1MessageParser.Name("Content_Block");

    private readonly XmlReader _reader;
    private readonly Uri _url;
    private readonly long _maxEmbeddedCharacters;
    private bool _childrenStarted;
    private bool _finished;

    private Taxii1PollResponseReader(XmlReader reader, Uri url, long maxEmbeddedCharacters)
    {
        _reader = reader;
        _url = url;
        _maxEmbeddedCharacters = maxEmbeddedCharacters;
    }

    public bool More { get; private set; }

    public string? ResultId { get; private set; }

    public int? PartNumber { get; private set; }

    public string? InResponseTo { get; private set; }

    /// <summary>Set instead of the poll attributes when the root is a Status_Message.</summary>
    public Taxii1StatusMessage? Status { get; private set; }

    /// <summary>Positions on the root element; a Status_Message is read whole (it is small).</summary>
    public static async Task<Taxii1PollResponseReader> OpenAsync(Stream body, Uri url, long maxSmallCharacters, CancellationToken cancellationToken)
    {
        var reader = Taxii1XmlReaderFactory.Create(body, maxCharactersInDocument: 0, async: true);
        var result = new Taxii1PollResponseReader(reader, url, maxSmallCharacters);
        try
        {
            await result.ReadRootAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    /// <summary>The next content block, or null after the last one.</summary>
    public async Task<XElement?> ReadNextBlockElementAsync(CancellationToken cancellationToken)
    {
        if (_finished)
        {
            return null;
        }

        try
        {
            if (!_childrenStarted)
            {
                _childrenStarted = true;
                if (_reader.IsEmptyElement || !await _reader.ReadAsync().ConfigureAwait(false))
                {
                    _finished = true;
                    return null;
                }
            }

            while (!_reader.EOF)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (_reader.Depth == 0 && _reader.NodeType == XmlNodeType.EndElement)
                {
                    break;
                }

                if (_reader.Depth == 1 && _reader.NodeType == XmlNodeType.Element)
                {
                    if (_reader.LocalName == ContentBlockName.LocalName && _reader.NamespaceURI == ContentBlockName.NamespaceName)
                    {
                        var inScope = Taxii1MessageParser.NamespacesInScope(_reader);
                        var block = (XElement)await XNode.ReadFromAsync(_reader, cancellationToken).ConfigureAwait(false);
                        Taxii1MessageParser.CopyInScopeNamespaces(block, inScope);
                        return block;
                    }

                    await _reader.SkipAsync().ConfigureAwait(false);
                    continue;
                }

                if (!await _reader.ReadAsync().ConfigureAwait(false))
                {
                    break;
                }
            }

            _finished = true;
            return null;
        }
        catch (XmlException ex)
        {
            throw Malformed(_url, ex);
        }
    }

    public Taxii1ContentBlock ToContentBlock(XElement element, int partNumber)
    {
        try
        {
            return Taxii1MessageParser.ParseContentBlock(element, partNumber, _maxEmbeddedCharacters);
        }
        catch (XmlException ex)
        {
            throw Malformed(_url, ex);
        }
    }

    public void Dispose() => _reader.Dispose();

    internal static Taxii1Exception Malformed(Uri url, XmlException ex) =>
        new(Taxii1ErrorKind.Protocol, $"TAXII 1.1 server {url} sent XML that is malformed or unsafe and was refused: {ex.Message}", ex);

    private async Task ReadRootAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await _reader.MoveToContentAsync().ConfigureAwait(false) != XmlNodeType.Element)
            {
                throw new Taxii1Exception(Taxii1ErrorKind.Protocol, $"TAXII 1.1 server {_url} sent a body without a root element.");
            }

            if (_reader.NamespaceURI != Taxii1Constants.MessagesNamespace)
            {
                throw new Taxii1Exception(Taxii1ErrorKind.Protocol, $"TAXII 1.1 server {_url} sent '{_reader.LocalName}' in namespace '{_reader.NamespaceURI}', not a TAXII 1.1 message.");
            }

            if (_reader.LocalName == "Status_Message")
            {
                var root = (XElement)await XNode.ReadFromAsync(_reader, cancellationToken).ConfigureAwait(false);
                Status = Taxii1MessageParser.ParseStatus(root);
                _finished = true;
                return;
            }

            if (_reader.LocalName != "Poll_Response")
            {
                throw new Taxii1Exception(Taxii1ErrorKind.Protocol, $"TAXII 1.1 server {_url} answered a poll with '{_reader.LocalName}', expected Poll_Response.");
            }

            // "more" absent means false (TAXII 1.1 default), which also ends the fulfilment loop.
            More = Taxii1MessageParser.ParseBool(_reader.GetAttribute("more"), defaultValue: false);
            ResultId = _reader.GetAttribute("result_id");
            InResponseTo = _reader.GetAttribute("in_response_to");
            PartNumber = int.TryParse(_reader.GetAttribute("result_part_number"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var part) ? part : null;
        }
        catch (XmlException ex)
        {
            throw Malformed(_url, ex);
        }
    }
}
