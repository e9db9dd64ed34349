-- The public rate limit's token buckets, one row per client key, shared by all replicas (Bucket4j's
-- PostgreSQL backend reads and writes them under SELECT ... FOR UPDATE). expires_at (epoch millis) is
-- when the bucket would be full again: rows past it are deleted now and then.
create table public_rate_bucket (
    client_key varchar(64) not null primary key,
    state      bytea,
    expires_at bigint
);
create index public_rate_bucket_expires_idx on public_rate_bucket (expires_at);
