namespace TaxiiConnector.Tests.Support;

internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string File(string relative) => System.IO.Path.Combine(Path, relative);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(directory.FullName, "TaxiiConnector.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("TaxiiConnector.sln not found above " + AppContext.BaseDirectory);
    }
}
