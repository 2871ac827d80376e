# Varnish in front of `newsdesk serve` (deploy/README.md). It caches what the origin's
# Cache-Control lets a shared cache keep (listings, feeds and sitemaps with s-maxage, static
# files and public images), passes everything else (articles say no-cache: every view reaches
# the origin and is counted), and passes editors (a Django session cookie) untouched.
# The origin purges it on every change (newsdesk/delivery/frontend_cache.py): PURGE of a URL
# drops that URL, PURGE of a path ending in "*" bans everything under it; both only from
# the addresses in the "purgers" ACL.
#
# Edit the backends below for your nodes (the test substitutes the port of its server).
vcl 4.1;

import directors;

backend node_a {
    .host = "127.0.0.1";
    .port = "8000";
}

# A second node: uncomment, and add it to the director in vcl_init.
# backend node_b {
#     .host = "127.0.0.1";
#     .port = "8001";
# }

sub vcl_init {
    new nodes = directors.round_robin();
    nodes.add_backend(node_a);
    # nodes.add_backend(node_b);
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    set req.backend_hint = nodes.backend();
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "PURGE not allowed from this address"));
        }
        if (req.url ~ "\*$") {
            # Everything under the prefix, on every host (a single site usually; purging
            # more than needed is safe).
            ban("obj.http.x-url ~ ^" + regsub(req.url, "\*$", ""));
            return (synth(200, "Banned"));
        }
        return (purge);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Editors and signed-in users: their pages are their own.
    if (req.http.Cookie ~ "(^|;\s*)sessionid=" || req.http.Authorization) {
        return (pass);
    }
    # Other cookies (a commenter's remembered name, the CSRF cookie) change no cacheable
    # page: the origin marks what depends on them as not shareable. Look up despite them.
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    if (req.http.host) {
        hash_data(req.http.host);
    } else {
        hash_data(server.ip);
    }
    # The origin caches per scheme (HTTP and HTTPS pages differ in their links).
    hash_data(req.http.X-Forwarded-Proto);
    return (lookup);
}

sub vcl_backend_response {
    # For bans (lurker-friendly: they test the object, not the request).
    set beresp.http.x-url = bereq.url;
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(?i)(no-cache|no-store|private)"
        || beresp.http.Cache-Control !~ "(?i)(s-maxage|public)"
        || beresp.http.Vary == "*") {
        # Not shareable, or the origin did not say: fetch it every time.
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.x-url;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
