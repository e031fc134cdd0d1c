#!/usr/bin/perl
# Reads this server's Open311 XML the way FixMyStreet's client does (perllib/Open311.pm: XML::Simple's
# XMLin with its defaults, then hash paths such as $obj->{request}->{service_request_id}).
# Usage: perl scripts/open311/fms-check.pl <endpoint ending in /open311/v2/> <api_key>
# Needs XML::Simple (Debian: libxml-simple-perl) and curl. See docs/open311.md.
use strict;
use warnings;
use XML::Simple;

my ($endpoint, $api_key) = @ARGV;
die "usage: $0 <endpoint> <api_key>\n" unless $endpoint && $api_key;
my $failures = 0;
sub check { my ($ok, $what) = @_; print(($ok ? "ok" : "NOT OK"), " - $what\n"); $failures++ unless $ok; }
# fetch(path, params…) POSTs the params form-encoded; query(path, params…) GETs with them in the query string
sub curl { my ($get, $path, @form) = @_; my $args = join ' ', map { "--data-urlencode " . quotemeta($_) } @form;
  return scalar `curl -s @{[$get ? '-G' : '']} $args '$endpoint$path'`; }
sub fetch { return curl(0, @_); }
sub query { return curl(1, @_); }
sub xml { my $obj; eval { $obj = XML::Simple->new()->XMLin($_[0]); }; return $obj; }

# get_service_list: services.xml, a list of <service> with service_code / service_name / group
my $services = xml(query('services.xml'));
my @list = ref $services->{service} eq 'ARRAY' ? @{ $services->{service} } : ($services->{service});
check(@list > 5 && $list[0]->{service_code} && $list[0]->{service_name}, 'services.xml: services with code and name');
my ($zhandao) = grep { $_->{service_code} eq 'zhandao' } @list;
check($zhandao && $zhandao->{metadata} eq 'false' && $zhandao->{type} eq 'realtime' && $zhandao->{group}, 'services.xml: metadata false, realtime, group');

# get_service_meta_info: services/<code>.xml
my $meta = xml(query('services/zhandao.xml'));
check($meta && $meta->{service_code} eq 'zhandao', 'services/zhandao.xml: service_definition');

# send_service_request: POST requests.xml (form), then $obj->{request}->{service_request_id}
my $posted = xml(fetch('requests.xml', "api_key=$api_key", 'jurisdiction_id=demo', 'service_code=zhandao',
  'lat=35.76245', 'long=115.02403', 'email=someone@example.org', 'first_name=Jo', 'last_name=Bloggs',
  "description=title: FixMyStreet-style report\n\ndetail: stalls block the market gate\n\nSubmitted via FixMyStreet"));
my $id = $posted->{request}->{service_request_id};
check($id && !ref $id, "POST requests.xml: service_request_id $id");

# get_service_requests: requests.xml?service_request_id=…
my $requests = xml(query('requests.xml', "service_request_id=$id"));
check($requests->{request}->{service_request_id} eq $id && $requests->{request}->{status} eq 'open', 'requests.xml: the request, status open');
check(($requests->{request}->{requested_datetime} // '') =~ /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/ ? 1 : 0, 'requests.xml: W3C datetime with the district offset');
check(query('requests.xml', "service_request_id=$id") =~ /someone\@example|Bloggs/ ? 0 : 1, 'requests.xml: no personal data');

# get_service_request_id_from_token: tokens/<token>.xml
my $token = xml(query("tokens/$id.xml"));
check($token->{request}->{service_request_id} eq $id, 'tokens/<id>.xml: service_request_id');

# get_service_request_updates: servicerequestupdates.xml?start_date&end_date, request_update elements
my $updates = xml(query('servicerequestupdates.xml', 'start_date=2000-01-01T00:00:00Z', 'end_date=2000-02-01T00:00:00Z'));
check(ref $updates eq 'HASH' || $updates eq '', 'servicerequestupdates.xml: an empty window parses');
$updates = xml(query('servicerequestupdates.xml'));
my @u = ref $updates->{request_update} eq 'ARRAY' ? @{ $updates->{request_update} } : ($updates->{request_update});
my ($first) = grep { $_->{service_request_id} eq $id } @u;
check($first && $first->{status} eq 'OPEN' && $first->{update_id} && $first->{updated_datetime}, 'servicerequestupdates.xml: the new request as OPEN');

# _process_error: errors with code and description
my $error = xml(fetch('requests.xml', 'api_key=forged', 'service_code=zhandao', 'lat=35.76', 'long=115.02', 'description=whatever here'));
check($error->{error}->{code} eq '403' && $error->{error}->{description}, 'a forged api_key: <errors><error><code>403</code>');

print $failures ? "$failures failed\n" : "all passed\n";
exit($failures ? 1 : 0);
