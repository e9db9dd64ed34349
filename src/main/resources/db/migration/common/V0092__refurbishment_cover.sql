-- Cover for refurbished units per product: a term in months from the resale (or, before it, the
-- refurbishment); products without a row get the default term of the RefurbishmentCover class.
-- A replacement unit inherits the remaining cover of the unit it replaced, unless replacement_own_term.
create table refurbishment_policy (
    gtin                 varchar(14) not null primary key,
    term_months          integer     not null,
    replacement_own_term boolean     not null,
    changed_by   varchar(64) not null,
    changed_at   timestamp with time zone not null,
    version      bigint      not null,
    constraint refurbishment_policy_term check (term_months between 1 and 120)
);
