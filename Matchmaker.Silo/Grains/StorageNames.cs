namespace Matchmaker.Silo.Grains;

/// <summary>Names of the grain storage providers: tables for small state, blobs for large state.</summary>
public static class StorageNames
{
    public const string Tables = "tables";
    public const string Blobs = "blobs";
}
