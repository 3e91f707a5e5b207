namespace TaxiiConnector.Configuration.Declarations;

/// <summary>
/// Fills a section's options from configuration, one declared setting at a time, by the property's type. A key that is
/// unset keeps the property's initializer (its documented default); an unreadable value is a problem on the reader and
/// leaves the default in place.
/// </summary>
public static class SettingBinder
{
    public static void Bind(object options, SectionSettings settings, ConfigSectionReader reader)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Bind(options, settings.Declarations, reader);
    }

    /// <summary>Fills only <paramref name="declarations"/> (a source reads its switches before the rest).</summary>
    public static void Bind(object options, IEnumerable<SettingDeclaration> declarations, ConfigSectionReader reader)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(declarations);
        ArgumentNullException.ThrowIfNull(reader);
        foreach (var declaration in declarations)
        {
            var key = declaration.Key;
            var sequence = reader.GetSection(key).GetChildren().Any();
            if (reader.GetRawValue(key) is null && !sequence)
            {
                continue;
            }

            if (Read(declaration, reader, out var value))
            {
                declaration.SetValue(options, value);
            }
        }
    }

    private static bool Read(SettingDeclaration declaration, ConfigSectionReader reader, out object? value)
    {
        var key = declaration.Key;
        var type = Nullable.GetUnderlyingType(declaration.Property.PropertyType) ?? declaration.Property.PropertyType;
        var problems = reader.Problems.Count;
        if (declaration.Parser is not null)
        {
            value = declaration.Parser.Parse(reader, key);
        }
        else if (key.IsStructured)
        {
            // The section reads the structure itself; the binder only knows it is there.
            value = null;
            return false;
        }
        else if (type == typeof(bool))
        {
            value = reader.GetBool(key);
        }
        else if (type == typeof(int))
        {
            value = reader.GetOptionalInt(key, (int)Math.Max(declaration.Bounds?.Min ?? int.MinValue, int.MinValue), (int)Math.Min(declaration.Bounds?.Max ?? int.MaxValue, int.MaxValue));
        }
        else if (type == typeof(long))
        {
            value = reader.GetOptionalLong(key, declaration.Bounds?.Min ?? long.MinValue, declaration.Bounds?.Max ?? long.MaxValue);
        }
        else if (type == typeof(TimeSpan) && declaration.CountOf is { } unit)
        {
            var count = reader.GetOptionalLong(key, declaration.Bounds?.Min ?? 0, declaration.Bounds?.Max ?? long.MaxValue);
            value = count is null ? null : unit * count.Value;
        }
        else if (type == typeof(TimeSpan))
        {
            value = reader.GetDuration(key, declaration.AllowZero);
        }
        else if (type == typeof(Uri))
        {
            value = reader.GetUri(key);
        }
        else if (type == typeof(string))
        {
            value = declaration.Verbatim ? reader.GetRawValue(key)
                : declaration.ExistingFile ? reader.GetFilePath(key)
                : declaration.Choice is { } choice ? reader.GetChoice(key, [.. choice.Allowed])
                : reader.GetString(key);
        }
        else if (type.IsAssignableFrom(typeof(string[])))
        {
            value = reader.GetList(key).ToArray();
        }
        else
        {
            throw new InvalidOperationException($"{declaration.Property.DeclaringType?.Name}.{declaration.Property.Name}: no reader for {type.Name}; declare a parser.");
        }

        return reader.Problems.Count == problems && value is not null;
    }
}
