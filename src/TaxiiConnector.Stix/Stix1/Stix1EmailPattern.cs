using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace TaxiiConnector.Stix.Stix1;

/// <summary>
/// A CybOX <c>EmailMessageObjectType</c>: the header fields and attachments become the pattern; the body
/// (<c>Raw_Body</c>) and the links are not matchable header content, so they go only into the <c>email-message</c>
/// observable and, for links, into <c>url</c> observables related to it.
/// </summary>
internal sealed class Stix1EmailPattern
{
    private const string Prefix = "email-message:";

    private static readonly HashSet<string> PropertiesHandled = new(StringComparer.Ordinal) { "Header", "Raw_Body", "Attachments", "Links" };

    private static readonly HashSet<string> HeaderHandled = new(StringComparer.Ordinal)
    {
        "To", "CC", "BCC", "From", "Sender", "Reply_To", "Subject", "Message_ID", "In_Reply_To", "X_Mailer", "X_Originating_IP", "Date", "Content_Type",
    };

    private static readonly HashSet<string> ObjectHandled = new(StringComparer.Ordinal) { "Properties", "Description", "Related_Objects" };

    /// <summary>Header elements with no property of their own in STIX 2.1, kept under their header names.</summary>
    private static readonly Dictionary<string, string> AdditionalHeaders = new(StringComparer.Ordinal)
    {
        ["Reply_To"] = "Reply-To",
        ["In_Reply_To"] = "In-Reply-To",
        ["X_Mailer"] = "X-Mailer",
        ["X_Originating_IP"] = "X-Originating-IP",
    };

    private readonly Stix1PatternBuilder _builder;
    private readonly Stix1References _references;
    private readonly List<Stix1Expression> _parts = [];
    private readonly JsonObject _properties = new();
    private readonly List<Stix1Observable> _addresses = [];
    private readonly List<Stix1Observable> _attachments = [];
    private readonly HashSet<string> _referencedObjects = new(StringComparer.Ordinal);
    private bool _exact = true;

    public Stix1EmailPattern(Stix1PatternBuilder builder, Stix1References references)
    {
        _builder = builder;
        _references = references;
    }

    public Stix1ObservablePattern Build(XElement properties, XElement obj)
    {
        Stix1PatternBuilder.RequireOnly(obj, "Object", ObjectHandled);
        Stix1PatternBuilder.RequireOnly(properties, "EmailMessage", PropertiesHandled);
        var header = Stix1Xml.Child(properties, "Header");
        string? subject = null;
        string? from = null;
        if (header is not null)
        {
            Stix1PatternBuilder.RequireOnly(header, "EmailMessage.Header", HeaderHandled);
            subject = Field(header, "Subject", "subject");
            from = Address(header, "From", "from_ref");
            Address(header, "Sender", "sender_ref");
            Recipients(header, "To", "to_refs");
            Recipients(header, "CC", "cc_refs");
            Recipients(header, "BCC", "bcc_refs");
            Field(header, "Message_ID", "message_id");
            Field(header, "Content_Type", "content_type");
            foreach (var (element, name) in AdditionalHeaders)
            {
                AdditionalHeader(header, element, name);
            }

            Date(header);
        }

        var hasAttachments = Attachments(properties);
        if (_parts.Count == 0)
        {
            throw new Stix1SkipException("e-mail message without header fields or attachments");
        }

        var links = Links(properties);
        foreach (var related in Stix1Xml.Children(Stix1Xml.Child(obj, "Related_Objects"), "Related_Object"))
        {
            if (!_referencedObjects.Contains(((string?)related.Attribute("id"))?.Trim() ?? string.Empty))
            {
                throw new Stix1SkipException("unsupported constraint EmailMessage.Related_Objects");
            }
        }

        var body = Stix1Xml.Text(Stix1Xml.Child(properties, "Raw_Body"));
        var observables = new List<Stix1Observable>();
        if (_exact)
        {
            observables.Add(Observable(subject, from, body, hasAttachments, links));
        }

        var expression = Stix1Expression.And(_parts);
        return new Stix1ObservablePattern(expression.Text, "Email-Message", subject ?? from ?? "e-mail message", observables);
    }

    private Stix1Observable Observable(string? subject, string? from, string? body, bool multipart, List<Stix1Observable> links)
    {
        var properties = new JsonObject { ["is_multipart"] = multipart };
        foreach (var (key, value) in _properties)
        {
            properties[key] = value?.DeepClone();
        }

        if (multipart)
        {
            // A message with attachments carries its text as a part: body is for single-part messages.
            var parts = new JsonArray();
            if (body is not null)
            {
                parts.Add(new JsonObject { ["body"] = body });
            }

            foreach (var attachment in _attachments)
            {
                parts.Add(new JsonObject { ["body_raw_ref"] = attachment.Id });
            }

            properties["body_multipart"] = parts;
        }
        else if (body is not null)
        {
            properties["body"] = body;
        }

        // STIX 2.1's id contributing properties of email-message: from_ref, subject, body.
        var members = new List<KeyValuePair<string, string>>();
        if (from is not null)
        {
            members.Add(new("from_ref", Stix1Ids.ValueObservable("email-addr", from)));
        }

        if (subject is not null)
        {
            members.Add(new("subject", subject));
        }

        if (body is not null)
        {
            members.Add(new("body", body));
        }

        var id = "email-message--" + Stix1Ids.UuidV5(Stix1Ids.OpenCtiNamespace, Ids.CanonicalJson.Serialize([.. members]));
        return new Stix1Observable("email-message", id, properties) { References = [.. _addresses, .. _attachments], Related = links };
    }

    private string? Field(XElement header, string element, string property)
    {
        if (Stix1Xml.Child(header, element) is not { } field)
        {
            return null;
        }

        _parts.Add(Stix1PatternBuilder.Terms(field, Prefix + property, out var values, out var exact));
        return Keep(exact, values, property);
    }

    private void AdditionalHeader(XElement header, string element, string name)
    {
        if (Stix1Xml.Child(header, element) is not { } field)
        {
            return;
        }

        var value = element == "X_Originating_IP" ? Stix1Xml.Child(field, "Address_Value") ?? field : field;
        _parts.Add(Stix1PatternBuilder.Terms(value, $"{Prefix}additional_header_fields.{Stix1Condition.Quote(name)}", out var values, out var exact));
        if (exact && values.Count == 1)
        {
            var fields = _properties["additional_header_fields"] as JsonObject ?? new JsonObject();
            fields[name] = values[0];
            _properties["additional_header_fields"] = fields;
        }
        else
        {
            _exact = false;
        }
    }

    private string? Address(XElement header, string element, string property)
    {
        if (Stix1Xml.Child(header, element) is not { } field)
        {
            return null;
        }

        var value = Stix1Xml.Child(field, "Address_Value") ?? throw new Stix1SkipException($"EmailMessage.Header.{element} without Address_Value");
        Stix1PatternBuilder.RequireOnly(field, $"EmailMessage.Header.{element}", new HashSet<string>(StringComparer.Ordinal) { "Address_Value" });
        _parts.Add(Stix1PatternBuilder.Terms(value, Prefix + property + ".value", out var values, out var exact));
        var kept = Keep(exact, values, null);
        if (kept is not null)
        {
            var address = Stix1Observable.Value("email-addr", kept);
            _addresses.Add(address);
            _properties[property] = address.Id;
        }

        return kept;
    }

    private void Recipients(XElement header, string element, string property)
    {
        var refs = new JsonArray();
        foreach (var recipient in Stix1Xml.Children(Stix1Xml.Child(header, element), "Recipient"))
        {
            var value = Stix1Xml.Child(recipient, "Address_Value") ?? throw new Stix1SkipException($"EmailMessage.Header.{element} recipient without Address_Value");
            Stix1PatternBuilder.RequireOnly(recipient, $"EmailMessage.Header.{element}", new HashSet<string>(StringComparer.Ordinal) { "Address_Value" });
            // Each recipient must be among the message's: one [*] comparison per recipient, all of them AND-ed.
            _parts.Add(Stix1PatternBuilder.Terms(value, Prefix + property + "[*].value", out var values, out var exact));
            if (Keep(exact, values, null) is { } kept)
            {
                var address = Stix1Observable.Value("email-addr", kept);
                _addresses.Add(address);
                refs.Add(address.Id);
            }
        }

        if (refs.Count > 0)
        {
            _properties[property] = refs;
        }
    }

    private void Date(XElement header)
    {
        if (Stix1Xml.Child(header, "Date") is not { } field)
        {
            return;
        }

        if ((Stix1Condition.Name(field) ?? "Equals") != "Equals"
            || !DateTimeOffset.TryParse(Stix1Xml.Text(field), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
        {
            throw new Stix1SkipException("unsupported constraint EmailMessage.Header.Date");
        }

        var stamp = Stix1Converter.FormatTimestamp(date);
        _parts.Add(new Stix1Expression($"{Prefix}date = t'{stamp}'", false, false));
        _properties["date"] = stamp;
    }

    private bool Attachments(XElement properties)
    {
        var any = false;
        foreach (var file in Stix1Xml.Children(Stix1Xml.Child(properties, "Attachments"), "File"))
        {
            var properties2 = AttachedObject(file, "EmailMessage.Attachments");
            if (Stix1PatternBuilder.ObjectName(properties2) is not "File")
            {
                throw new Stix1SkipException("unsupported constraint EmailMessage.Attachments");
            }

            var expression = Stix1FilePattern.Expression(properties2, Prefix + "body_multipart[*].body_raw_ref.", out var attached, out _);
            if (expression.HasAnd)
            {
                // Two [*] comparisons need not hold for the same attachment: AND-ing them would match more than the source.
                throw new Stix1SkipException("unsupported constraint EmailMessage.Attachments (several properties of one attachment)");
            }

            _parts.Add(expression);
            if (attached is not null)
            {
                _attachments.Add(attached);
            }

            any = true;
        }

        return any;
    }

    private List<Stix1Observable> Links(XElement properties)
    {
        var links = new List<Stix1Observable>();
        foreach (var link in Stix1Xml.Children(Stix1Xml.Child(properties, "Links"), "Link"))
        {
            var uri = AttachedObject(link, "EmailMessage.Links");
            if (Stix1PatternBuilder.ObjectName(uri) != "URI" || Stix1Xml.Child(uri, "Value") is not { } value
                || (Stix1Condition.Name(value) ?? "Equals") != "Equals" || Stix1Xml.Text(value) is not { } url)
            {
                throw new Stix1SkipException("unsupported constraint EmailMessage.Links");
            }

            links.Add(Stix1Observable.Value("url", url));
        }

        return links;
    }

    private XElement AttachedObject(XElement reference, string owner)
    {
        var idref = ((string?)reference.Attribute("object_reference"))?.Trim();
        if (string.IsNullOrEmpty(idref))
        {
            throw new Stix1SkipException($"unsupported constraint {owner} without object_reference");
        }

        _referencedObjects.Add(idref);
        var obj = _references.Object(idref) ?? throw new Stix1SkipException($"object reference {idref} not found in the package");
        return _builder.ObjectProperties(obj, out _);
    }

    private string? Keep(bool exact, List<string> values, string? property)
    {
        if (!exact || values.Count != 1)
        {
            _exact = false;
            return null;
        }

        if (property is not null)
        {
            _properties[property] = values[0];
        }

        return values[0];
    }
}
