namespace Matchmaker.Silo.Grains;

internal static class Persistence
{
    /// <summary>
    /// Writes the state, or, when the write fails, puts back what storage holds before the failure reaches the
    /// caller: memory never runs ahead of storage, so a retry cannot be answered from a change that was never
    /// stored. If even the read fails, <paramref name="forget"/> drops the activation so the next call reads afresh.
    /// </summary>
    public static async Task WriteOrRevertAsync<T>(this IPersistentState<T> state, Action forget)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            try { await state.ReadStateAsync(); }
            catch { forget(); }
            throw;
        }
    }
}
