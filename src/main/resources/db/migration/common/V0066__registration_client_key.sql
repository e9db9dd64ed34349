-- The keyed hash of the client that sent a public registration (never its address): the public
-- form stores at most so many proofs of purchase per client and per unit each day.
alter table ownership_registration add column client_key varchar(64);
create index ownership_registration_public_day on ownership_registration (registered_at, channel);
