using Microsoft.AspNetCore.Http;

namespace Matchmaker.Api.Pipeline;

/// <summary>Endpoint metadata: the largest body this endpoint reads (the default is <see cref="BodyLimit.Default"/>).</summary>
public sealed record BodyLimit(long Bytes)
{
    /// <summary>A JSON command is a profile or a configuration: a few kilobytes; 256 KB leaves room and bounds the cost.</summary>
    public const long Default = 256 * 1024;
}

/// <summary>
/// Refuses a body larger than the endpoint's limit with 413, whether it announces its length or arrives chunked:
/// a declared length is checked at once, and the stream itself stops a chunked body at the limit. Kestrel has
/// its own limit; this one also covers hosts without it and states the limit in the ProblemDetails.
/// </summary>
public sealed class BodyLimitMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext http)
    {
        var limit = http.GetEndpoint()?.Metadata.GetMetadata<BodyLimit>()?.Bytes ?? BodyLimit.Default;
        if (http.Request.ContentLength > limit) throw TooLarge(limit);
        if (http.Request.ContentLength is null || http.Request.ContentLength > 0)
            http.Request.Body = new LimitedStream(http.Request.Body, limit);
        return next(http);
    }

    public static BadHttpRequestException TooLarge(long limit) =>
        new($"The request body is larger than this endpoint takes ({limit / 1024} KB).", StatusCodes.Status413PayloadTooLarge);

    private sealed class LimitedStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int read)
        {
            _read += read;
            if (_read > limit) throw TooLarge(limit);
            return read;
        }
    }
}
