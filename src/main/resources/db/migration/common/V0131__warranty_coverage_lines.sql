-- Coverage lines of a policy version: parts, labour and travel, each with its own term and start
-- (manufacture, sale, registration, installation). A version without lines keeps its one term.
create table warranty_policy_line (
    policy_id   bigint      not null references warranty_policy (id),
    kind        varchar(16) not null,
    term_months integer     not null,
    start_rule  varchar(16) not null,
    primary key (policy_id, kind)
);
