-- wrk's own summary rounds its figures into human units; this prints them exact, on one line
-- that benchmarks/bench_http.py reads: requests, microseconds run, errors (connect, read,
-- write, status >= 400, timeout) and the 99th percentile latency in microseconds.
done = function(summary, latency, requests)
  io.write(string.format("figures %d %d %d %d %d %d %d %d\n",
    summary.requests, summary.duration,
    summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout,
    latency:percentile(99)))
end
