namespace IncidentExchange.Core.Tests;

/// <summary>Files of the repository the unit tests keep true (the protocol specification, the export samples).</summary>
internal static class RepositoryPaths
{
    /// <summary>The folder holding IncidentExchange.sln, found upwards from the test binaries.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IncidentExchange.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("IncidentExchange.sln not found above " + AppContext.BaseDirectory);
    }
}
