-- The same table as on PostgreSQL, so both schemas stay alike; on H2 (one instance) the rate limiter keeps
-- its buckets in memory and leaves this table empty.
create table public_rate_bucket (
    client_key varchar(64) not null primary key,
    state      varbinary(4096),
    expires_at bigint
);
create index public_rate_bucket_expires_idx on public_rate_bucket (expires_at);
