/* geomap's map page: events embedded once as columnar JSON, drawn client-side.
 *
 * Why this shape: per-marker folium objects make 100k-event maps unusable (megabytes of
 * generated JS, seconds per thousand markers). Here every event is blitted from a small
 * sprite onto one canvas, the event list is virtual (only the rows on screen exist), and a
 * filter change is one pass over typed arrays that updates the markers, the counts, the
 * list and the timeline together.
 *
 * Filters: event type, actor group, status (reported / planned / denied), time range (the
 * timeline's brush or the sliders), and the search box. An event is shown when it passes all
 * of them; a count next to a filter's entry is what that entry would show with the other
 * filters as they are (so an unticked type still tells how many events it holds).
 *
 * The view and the filters live in the URL fragment (#v=...&t=...), so a copied link opens
 * the same view of the same file.
 *
 * Safety: every string from the data (article text is hostile) reaches the DOM through
 * textContent or, for the layer control which only takes HTML strings, through esc(); the
 * canvas draws text as text; downloads are built with JSON.stringify and CSV quoting, with
 * spreadsheet formula cells escaped as geomap's exporter does. Links are made only for
 * http(s) URLs, parsed by URL().
 */
(function () {
  "use strict";

  function esc(s) {
    return String(s)
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&#39;");
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) {
      for (var k in attrs) {
        if (Object.prototype.hasOwnProperty.call(attrs, k)) node.setAttribute(k, attrs[k]);
      }
    }
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function safeHttpUrl(s) {
    if (typeof s !== "string" || !/^\s*https?:\/\//i.test(s)) return null;
    try {
      var u = new URL(s.trim());
      return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  function dayToIso(day) {
    return new Date(day * 86400000).toISOString().slice(0, 10);
  }
  function isoToDay(s) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return null;
    var t = Date.parse(s + "T00:00:00Z");
    return isNaN(t) ? null : Math.round(t / 86400000);
  }
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];

  var COLOR_RE = /^#[0-9a-fA-F]{6}$/;
  //: First characters that make a spreadsheet read a cell as a formula (geomap.export).
  var FORMULA_START = /^[=+\-@\t\r']/;
  var SMALL = 800; // px: below this width the list is a drawer and the controls fold away

  function draw(map, tiles, data, basemap) {
    var S = data.strings;
    var str = function (i) { return i === null || i === undefined || i < 0 ? null : S[i]; };
    var n = data.lat.length;
    var types = data.types, groups = data.groups;
    var small = window.innerWidth < SMALL;
    var stats = {
      total: data.total, drawable: n, drawn: 0, visible: 0, listed: 0, ready: false,
      readyMs: null, clustered: 0, heatPoints: 0, overlays: [], labelsDrawn: 0,
      tilesFailed: false, refreshMs: null, timings: { start: performance.now() }
    };
    window.geomapStats = stats;
    // For tests and the console: the maps drawn on this page (not serialisable, so apart).
    (window.geomapMaps = window.geomapMaps || []).push(map);
    // Leaflet takes the largest zoom from the tile layer; with "No tiles" there is none and
    // markercluster then builds clusters for every zoom up to Infinity (the tab froze).
    map.setMaxZoom(Math.min(isFinite(map.getMaxZoom()) ? map.getMaxZoom() : 18, 18));
    map.setMinZoom(2);

    // --- offline basemap: outlines, first-level borders, place labels ------------------
    map.createPane("geomapBasemap");
    map.getPane("geomapBasemap").style.zIndex = 150;
    map.getContainer().style.background = "#dbe9f4";
    var baseRenderer = L.canvas({ pane: "geomapBasemap" });
    L.geoJSON(basemap, {
      pane: "geomapBasemap", renderer: baseRenderer, interactive: false,
      style: { color: "#8a8a8a", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1 }
    }).addTo(map);
    if (data.borders && data.borders.length) {
      // Delta-encoded hundredths of a degree, lon/lat pairs (scripts/vendor_render_assets.py).
      var lines = data.borders.map(function (flat) {
        var x = 0, y = 0, pts = [];
        for (var k = 0; k + 1 < flat.length; k += 2) {
          x += flat[k]; y += flat[k + 1];
          pts.push([y / 100, x / 100]);
        }
        return pts;
      });
      L.polyline(lines, {
        pane: "geomapBasemap", renderer: baseRenderer, interactive: false,
        color: "#a08f9a", weight: 0.9, dashArray: "4 3", opacity: 0.9
      }).addTo(map);
    }
    map.attributionControl.addAttribution(data.attribution);

    var state = {
      typeOn: types.map(function () { return true; }),
      groupOn: groups.map(function () { return true; }),
      statusOn: {}, from: data.dayMin, to: data.dayMax, undated: true, q: "",
      restrict: false, sort: "date", desc: true, lang: "en", offline: !tiles
    };
    (data.statuses || ["reported"]).forEach(function (s) { state.statusOn[s] = true; });

    // Status of each event, as an index into STATUS (reported, planned, denied, others).
    var STATUS = ["reported", "planned", "denied"];
    var statusOf = new Uint8Array(n);
    for (var si = 0; si < n; si++) {
      var sname = str(data.status[si]) || "reported";
      var sk = STATUS.indexOf(sname);
      if (sk < 0) { sk = STATUS.length; STATUS.push(sname); }
      statusOf[si] = sk;
    }

    readHash();

    var labels = makeLabels();

    // --- markers ------------------------------------------------------------------------
    // 1: the place itself; 2: near a place / in its area; 3: region or country only, drawn
    // hollow and larger so nobody reads it as a town.
    var PREC = {
      1: { radius: 6, weight: 1, fill: 0.85, dash: [], ring: "#222" },
      2: { radius: 8, weight: 1.5, fill: 0.35, dash: [4, 3], ring: null },
      3: { radius: 12, weight: 2.5, fill: 0, dash: [], ring: null }
    };
    var precOf = function (i) { return PREC[data.prec[i]] ? data.prec[i] : 3; };
    stats.timings.basemap = performance.now();
    // Web Mercator at zoom 0, computed once; a redraw only scales and shifts.
    var px0 = new Float64Array(n), py0 = new Float64Array(n);
    var D2R = Math.PI / 180;
    for (var i0 = 0; i0 < n; i0++) {
      var lat = Math.max(Math.min(data.lat[i0], 85.0511287798), -85.0511287798);
      var sin = Math.sin(lat * D2R);
      px0[i0] = 128 + data.lon[i0] * 256 / 360;
      py0[i0] = 128 - 256 * Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
    }
    var shown = new Uint8Array(n);
    // Screen positions from the last paint (container pixels), for clicks.
    var sx = new Float32Array(n), sy = new Float32Array(n), painted = new Uint8Array(n);

    function markerOptions(i) {
      var p = PREC[precOf(i)], color = types[data.type[i]].color;
      return {
        radius: p.radius, weight: p.weight, opacity: 1, fillOpacity: p.fill,
        color: p.ring || color, fillColor: color, fill: p.fill > 0,
        dashArray: p.dash.length ? p.dash.join(" ") : null
      };
    }

    // Each style (type x precision) is drawn once into a small sprite and blitted per event:
    // one stroked path of 100k dashed circles takes Skia seconds to rasterise, 100k
    // drawImage calls of a sprite take milliseconds.
    var sprites = {};
    function sprite(i, ratio, scale) {
      scale = scale || 1;
      var key = data.type[i] * 4 + precOf(i) + "@" + ratio + "x" + scale;
      if (sprites[key]) return sprites[key];
      var o = markerOptions(i), p = PREC[precOf(i)];
      o.radius *= scale;
      var half = Math.ceil(o.radius + o.weight + 1);
      var c = document.createElement("canvas");
      c.width = c.height = 2 * half * ratio;
      var ctx = c.getContext("2d");
      ctx.scale(ratio, ratio);
      if (precOf(i) === 3) { // a white halo under the hollow ring keeps it readable
        ctx.beginPath();
        ctx.arc(half, half, o.radius, 0, 2 * Math.PI);
        ctx.strokeStyle = "rgba(255,255,255,0.9)";
        ctx.lineWidth = o.weight + 2;
        ctx.stroke();
      }
      ctx.beginPath();
      ctx.arc(half, half, o.radius, 0, 2 * Math.PI);
      if (o.fill) {
        ctx.globalAlpha = o.fillOpacity;
        ctx.fillStyle = o.fillColor;
        ctx.fill();
      }
      ctx.globalAlpha = 1;
      ctx.strokeStyle = o.color;
      ctx.lineWidth = o.weight;
      ctx.setLineDash(p.dash);
      ctx.stroke();
      return (sprites[key] = { canvas: c, half: half });
    }

    var selected = -1;
    var stamp = null, generation = 0; // which sprite was last drawn at each device pixel
    var buf = null; // premultiplied RGBA (0-255 colour x 0-1 alpha) of the points canvas
    // A sprite's non-transparent pixels, premultiplied, for compositing in JavaScript.
    function mask(sp) {
      if (sp.mask) return sp.mask;
      var cv = sp.canvas, w = cv.width, px = cv.getContext("2d").getImageData(0, 0, w, w).data;
      var dx = [], dy = [], r = [], g = [], b = [], a = [];
      for (var y = 0; y < w; y++) {
        for (var x = 0; x < w; x++) {
          var k = (y * w + x) * 4, al = px[k + 3] / 255;
          if (!al) continue;
          dx.push(x); dy.push(y); a.push(al);
          r.push(px[k] * al); g.push(px[k + 1] * al); b.push(px[k + 2] * al);
        }
      }
      return (sp.mask = {
        dx: Int16Array.from(dx), dy: Int16Array.from(dy), r: Float32Array.from(r),
        g: Float32Array.from(g), b: Float32Array.from(b), a: Float32Array.from(a),
        n: dx.length, w: w, half: w / 2
      });
    }
    var PointsLayer = L.Layer.extend({
      onAdd: function (m) {
        this._canvas = L.DomUtil.create("canvas", "geomap-points leaflet-zoom-hide");
        m.getPane("overlayPane").appendChild(this._canvas);
        m.on("moveend zoomend resize viewreset", this.redraw, this);
        m.on("click", this._click, this);
        m.on("mousemove", this._hover, this);
        this.redraw();
      },
      onRemove: function (m) {
        L.DomUtil.remove(this._canvas);
        m.off("moveend zoomend resize viewreset", this.redraw, this);
        m.off("click", this._click, this);
        m.off("mousemove", this._hover, this);
        painted.fill(0);
        stats.drawn = 0;
      },
      redraw: function () {
        if (!this._map) return;
        var t0 = performance.now();
        var m = this._map, size = m.getSize();
        // Draw a quarter screen beyond each edge, so a short pan shows markers before the
        // redraw at its end (L.Canvas draws half a screen; every pixel costs here).
        var pad = size.multiplyBy(0.25).round();
        var topLeft = m.containerPointToLayerPoint(pad.multiplyBy(-1));
        var w = size.x + 2 * pad.x, h = size.y + 2 * pad.y;
        var ratio = window.devicePixelRatio || 1, c = this._canvas;
        c.width = w * ratio;
        c.height = h * ratio;
        c.style.width = w + "px";
        c.style.height = h + "px";
        L.DomUtil.setPosition(c, topLeft);
        var ctx = c.getContext("2d");
        ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
        var scale = m.options.crs.scale(m.getZoom()) / m.options.crs.scale(0);
        var origin = m.getPixelOrigin(), mapPos = m.layerPointToContainerPoint(L.point(0, 0));
        var ox = -origin.x + mapPos.x, oy = -origin.y + mapPos.y;
        var byStyle = {};
        var count = 0;
        painted.fill(0);
        for (var i = 0; i < n; i++) {
          if (!shown[i]) continue;
          var x = px0[i] * scale + ox, y = py0[i] * scale + oy;
          sx[i] = x;
          sy[i] = y;
          if (x < -pad.x - 14 || y < -pad.y - 14 || x > size.x + pad.x + 14 || y > size.y + pad.y + 14) continue;
          painted[i] = 1;
          count++;
          var key = data.type[i] * 4 + precOf(i);
          (byStyle[key] || (byStyle[key] = [])).push(i);
        }
        // Largest (least precise) first, so exact points stay on top. The sprites are
        // composited in JavaScript into one pixel buffer that is put on the canvas once:
        // 100k drawImage calls cost Skia seconds to rasterise without a GPU, this costs
        // tens of milliseconds. An event whose sprite would land on the very pixel where the
        // same sprite was just drawn is skipped: it would not change a pixel.
        var keys = Object.keys(byStyle).map(Number).sort(function (a, b) { return (b % 4) - (a % 4); });
        var cw = c.width, chh = c.height, npx = cw * chh;
        // Tens of thousands of markers on one screen: smaller symbols, still one per event
        // (full-size ones would be one solid blot, and cost more pixels).
        var scale = count > 40000 ? 0.5 : count > 10000 ? 0.7 : 1;
        if (!stamp || stamp.length !== npx) { stamp = new Uint32Array(npx); buf = new Float32Array(npx * 4); }
        // Only the box the sprites cover is composited, converted and cleared afterwards.
        var bx0 = cw, by0 = chh, bx1 = 0, by1 = 0;
        keys.forEach(function (key) {
          var list = byStyle[key], m = mask(sprite(list[0], ratio, scale)), off = m.half;
          var dx = m.dx, dy = m.dy, mr = m.r, mg = m.g, mb = m.b, ma = m.a, mn = m.n, w = m.w;
          generation++;
          for (var k = 0; k < list.length; k++) {
            var e = list[k];
            var x = Math.round((sx[e] + pad.x) * ratio - off), y = Math.round((sy[e] + pad.y) * ratio - off);
            if (x >= 0 && y >= 0 && x < cw && y < chh) {
              var at = y * cw + x;
              if (stamp[at] === generation) continue;
              stamp[at] = generation;
            }
            var inside = x >= 0 && y >= 0 && x + w <= cw && y + w <= chh;
            if (x < bx0) bx0 = x;
            if (y < by0) by0 = y;
            if (x + w > bx1) bx1 = x + w;
            if (y + w > by1) by1 = y + w;
            for (var j = 0; j < mn; j++) {
              var X = x + dx[j], Y = y + dy[j];
              if (!inside && (X < 0 || Y < 0 || X >= cw || Y >= chh)) continue;
              var p = (Y * cw + X) * 4, ia = 1 - ma[j];
              buf[p] = mr[j] + buf[p] * ia;
              buf[p + 1] = mg[j] + buf[p + 1] * ia;
              buf[p + 2] = mb[j] + buf[p + 2] * ia;
              buf[p + 3] = ma[j] + buf[p + 3] * ia;
            }
          }
        });
        stats.timings.blendMs = performance.now() - t0;
        bx0 = Math.max(0, bx0); by0 = Math.max(0, by0); bx1 = Math.min(cw, bx1); by1 = Math.min(chh, by1);
        if (bx1 > bx0 && by1 > by0) {
          var bw = bx1 - bx0, img = ctx.createImageData(bw, by1 - by0), out = img.data, o = 0;
          for (var row = by0; row < by1; row++) {
            for (var q = (row * cw + bx0) * 4, end = q + bw * 4; q < end; q += 4, o += 4) {
              var a = buf[q + 3];
              if (a <= 0) continue;
              out[o] = buf[q] / a; out[o + 1] = buf[q + 1] / a; out[o + 2] = buf[q + 2] / a;
              out[o + 3] = a * 255;
            }
            buf.fill(0, (row * cw + bx0) * 4, (row * cw + bx1) * 4);
          }
          ctx.putImageData(img, bx0, by0);
        }
        stats.drawn = count;
        stats.timings.pointsMs = performance.now() - t0;
      },
      // Every shown event under a container point, nearest first.
      hits: function (pt) {
        var found = [];
        for (var i = 0; i < n; i++) {
          if (!painted[i]) continue;
          var dx = sx[i] - pt.x, dy = sy[i] - pt.y, d = dx * dx + dy * dy;
          var r = PREC[precOf(i)].radius + 2;
          if (d <= r * r) found.push([d, precOf(i), i]);
        }
        found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; });
        if (!found.length) return [];
        // "At one spot": every event drawn where the nearest one is (within a pixel).
        var first = found[0][2];
        return found.filter(function (f) {
          return Math.abs(sx[f[2]] - sx[first]) <= 1 && Math.abs(sy[f[2]] - sy[first]) <= 1;
        }).map(function (f) { return f[2]; });
      },
      _click: function (e) {
        var list = this.hits(e.containerPoint);
        if (list.length) openPopup(list, L.latLng(data.lat[list[0]], data.lon[list[0]]));
      },
      _hover: function (e) {
        this._map.getContainer().style.cursor = this.hits(e.containerPoint).length ? "pointer" : "";
      }
    });
    var points = new PointsLayer();

    // --- overlays (layer control) ---------------------------------------------------------
    var offlineBase = L.layerGroup();
    var control = L.control.layers(null, null, {
      // Expanded only when short: a long list would cover the events it lists.
      collapsed: small || types.length + groups.length > 10, position: "topright"
    });
    if (tiles) {
      control.addBaseLayer(tiles, "OpenStreetMap");
      control.addBaseLayer(offlineBase, "Offline map (names, borders)");
      if (state.offline) { map.removeLayer(tiles); offlineBase.addTo(map); }
    } else {
      offlineBase.addTo(map);
    }
    var clusters = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false });
    var heat = L.heatLayer([], { radius: 18, blur: 15, minOpacity: 0.3 });
    control.addOverlay(points, "Markers");
    control.addOverlay(clusters, "Clusters");
    control.addOverlay(heat, "Heatmap");

    // The layer control sets labels with innerHTML: escape them; counts are filled in later
    // by paintCounts() as text. stats.overlays keeps the plain label.
    function addToggle(text, prefixHtml, flags, k, countKey) {
      var layer = L.layerGroup();
      if (flags[k]) layer.addTo(map);
      layer._geomapToggle = { flags: flags, k: k };
      control.addOverlay(layer, prefixHtml + esc(text) +
        ' (<span class="geomap-n" data-n="' + countKey + '"></span>)');
      stats.overlays.push(text);
      return layer;
    }
    types.forEach(function (t, k) {
      var color = COLOR_RE.test(t.color) ? t.color : "#777777";
      addToggle("Type: " + t.name, '<span class="geomap-swatch" style="background:' + color + '"></span>',
        state.typeOn, k, "t" + k);
    });
    var statusPresent = new Uint8Array(STATUS.length);
    for (var sp = 0; sp < n; sp++) statusPresent[statusOf[sp]] = 1;
    var statusFlags = STATUS.map(function (s) { return !!state.statusOn[s]; });
    STATUS.forEach(function (s, k) {
      if (!statusPresent[k] && k > 0) return;
      var label = s.charAt(0).toUpperCase() + s.slice(1) + " events";
      addToggle(label, '<span class="geomap-status geomap-status-' + (k < 3 ? s : "other") + '"></span>',
        statusFlags, k, "s" + k);
    });
    groups.forEach(function (g, k) { addToggle(g.label, "", state.groupOn, k, "g" + k); });
    // Labels are cut to one line by CSS; the full text shows on hover (set as text, not
    // HTML). The control rebuilds its labels on every layer change, hence the wrap.
    var rebuild = control._update;
    control._update = function () {
      rebuild.call(this);
      var ls = this.getContainer().querySelectorAll("label");
      for (var li = 0; li < ls.length; li++) ls[li].title = ls[li].textContent.trim();
      paintCounts();
      return this;
    };
    control.addTo(map);

    // --- tiles that fail: switch to the offline map, once, and say so ---------------------
    if (tiles) {
      var tileErrors = 0, tileLoaded = false;
      tiles.on("tileload", function () { tileLoaded = true; });
      tiles.on("tileerror", function () {
        tileErrors++;
        if (tileLoaded || stats.tilesFailed || tileErrors < 3) return;
        stats.tilesFailed = true;
        if (map.hasLayer(tiles)) {
          map.removeLayer(tiles);
          offlineBase.addTo(map);
        }
        notice("Map tiles could not be loaded (offline?): showing the built-in offline map " +
          "with place names and borders.");
      });
    }
    map.on("baselayerchange", function () {
      state.offline = map.hasLayer(offlineBase);
      labels.redraw();
      writeHash();
    });

    // --- filtering and counting -----------------------------------------------------------
    var nStatus = STATUS.length, nTypes = types.length, nGroups = groups.length;
    var typeCount = new Int32Array(nTypes), groupCount = new Int32Array(nGroups);
    var statusCount = new Int32Array(nStatus), shownByType = new Int32Array(nTypes);
    var haystack = null;

    function searchText(i) {
      var parts = [types[data.type[i]].name, str(data.sub[i]), str(data.place[i]), str(data.mention[i]),
        str(data.adm[i]), str(data.cc[i]), str(data.sentence[i]), str(data.titles[i]), str(data.date[i])];
      var acts = data.actors[i];
      for (var k = 0; k < acts.length; k++) parts.push(S[acts[k]]);
      return parts.filter(Boolean).join("\n").toLowerCase();
    }

    function matches(i, q) {
      if (!haystack) {
        haystack = new Array(n);
        for (var k = 0; k < n; k++) haystack[k] = searchText(k);
      }
      return haystack[i].indexOf(q) >= 0;
    }

    function inTime(i) {
      var d = data.day[i];
      if (d === null) return state.undated;
      return d >= state.from && d <= state.to;
    }

    function refresh() {
      var t0 = performance.now(), tm = stats.timings;
      typeCount.fill(0); groupCount.fill(0); statusCount.fill(0); shownByType.fill(0);
      var q = state.q.trim().toLowerCase();
      var count = 0;
      hist.reset();
      for (var i = 0; i < n; i++) {
        var tOk = state.typeOn[data.type[i]], sOk = statusFlags[statusOf[i]];
        var gs = data.group[i], gOk = false;
        for (var j = 0; j < gs.length; j++) if (state.groupOn[gs[j]]) { gOk = true; break; }
        var qOk = !q || matches(i, q), dOk = inTime(i);
        var others = gOk && sOk && qOk;
        if (others && dOk) typeCount[data.type[i]]++;
        if (tOk && gOk && qOk && dOk) statusCount[statusOf[i]]++;
        if (tOk && sOk && qOk && dOk) for (j = 0; j < gs.length; j++) groupCount[gs[j]]++;
        if (tOk && others) hist.add(i);
        var on = tOk && others && dOk ? 1 : 0;
        shown[i] = on;
        if (on) { count++; shownByType[data.type[i]]++; }
      }
      stats.visible = count;
      if (selected >= 0 && !shown[selected] && ring) map.removeLayer(ring);
      tm.filterMs = performance.now() - t0;
      points.redraw();
      refreshClusters();
      if (map.hasLayer(heat)) refreshHeat();
      var t1 = performance.now();
      paintCounts();
      tm.countsMs = performance.now() - t1;
      t1 = performance.now();
      list.rebuild();
      tm.listMs = performance.now() - t1;
      t1 = performance.now();
      hist.draw();
      tm.timelineMs = performance.now() - t1;
      writeHash();
      stats.refreshMs = performance.now() - t0;
    }

    function paintCounts() {
      if (!typeCount || !list) return; // called by the layer control while it is being built
      var spans = document.querySelectorAll(".geomap-n");
      for (var k = 0; k < spans.length; k++) {
        var key = spans[k].getAttribute("data-n"), idx = parseInt(key.slice(1), 10);
        var arr = key[0] === "t" ? typeCount : key[0] === "g" ? groupCount : statusCount;
        spans[k].textContent = String(arr[idx] || 0);
      }
      if (legendCounts) legendCounts.forEach(function (node, k) { node.textContent = " (" + shownByType[k] + ")"; });
      if (summaryLine) summaryLine.textContent = summaryText();
      if (emptyBox) emptyBox.style.display = stats.visible === 0 ? "" : "none";
    }

    function summaryText() {
      var left = [];
      if (data.left && data.left.noPlace) left.push(data.left.noPlace + " without a place");
      STATUS.forEach(function (s, k) {
        if (!statusFlags[k] && statusPresent[k]) {
          var c = 0;
          for (var i = 0; i < n; i++) if (statusOf[i] === k) c++;
          left.push(c + " " + s + " (layer off)");
        }
      });
      if (data.left && data.left.otherStatus) left.push(data.left.otherStatus + " with another status");
      var hidden = 0;
      for (var i = 0; i < n; i++) if (statusFlags[statusOf[i]] && !shown[i]) hidden++;
      if (hidden) left.push(hidden + " outside the filters");
      return stats.visible + " of " + data.total + " events on the map" +
        (left.length ? "; not shown: " + left.join(", ") : "");
    }

    var clustersDirty = true;
    function refreshClusters() {
      if (!map.hasLayer(clusters)) { clustersDirty = true; return; }
      clusters.clearLayers();
      var lst = [];
      for (var i = 0; i < n; i++) {
        if (shown[i]) {
          var c = L.circleMarker([data.lat[i], data.lon[i]], markerOptions(i));
          c._geomapIndex = i;
          lst.push(c);
        }
      }
      clusters.addLayers(lst);
      stats.clustered = lst.length;
      clustersDirty = false;
    }
    function refreshHeat() {
      var pts = [];
      for (var i = 0; i < n; i++) if (shown[i]) pts.push([data.lat[i], data.lon[i]]);
      heat.setLatLngs(pts);
      stats.heatPoints = pts.length;
    }

    function onOverlay(e, on) {
      var t = e.layer._geomapToggle;
      if (t) {
        t.flags[t.k] = on;
        refresh();
      } else if (e.layer === clusters && on && clustersDirty) {
        refreshClusters();
      } else if (e.layer === heat && on) {
        refreshHeat();
      }
      if (!t) writeHash();
    }
    map.on("overlayadd", function (e) { onOverlay(e, true); });
    map.on("overlayremove", function (e) { onOverlay(e, false); });

    // --- popups ---------------------------------------------------------------------------
    var PREC_TEXT = {};
    data.precision.forEach(function (p) { PREC_TEXT[p.level] = p.label; });

    function dateText(i) {
      var d = str(data.date[i]);
      if (!d) return "unknown";
      var tp = data.tprec ? data.tprec[i] : 0;
      if (tp === 3 && /^\d{4}-\d{2}/.test(d)) {
        return "about " + MONTHS[parseInt(d.slice(5, 7), 10) - 1] + " " + d.slice(0, 4);
      }
      if (tp === 2) return "about " + d + " (within a week or so)";
      return d;
    }
    function shortDate(i) {
      var d = str(data.date[i]);
      if (!d) return "undated";
      var tp = data.tprec ? data.tprec[i] : 0;
      if (tp === 3) return "~" + d.slice(0, 7);
      if (tp === 2) return "~" + d;
      return d;
    }
    function actorsText(i) {
      var a1 = str(data.a1[i]), a2 = str(data.a2[i]);
      return a1 && a2 ? a1 + " \u2192 " + a2 : a1 || (a2 ? "? \u2192 " + a2 : null);
    }

    function row(table, label, value, dir) {
      if (value === null || value === undefined || value === "") return;
      var tr = el("tr");
      tr.appendChild(el("th", null, label));
      tr.appendChild(el("td", { dir: dir || "auto" }, value));
      table.appendChild(tr);
    }

    function popupContent(i) {
      var box = el("div", { "class": "geomap-popup" });
      var title = str(data.titles[i]);
      var rtl = data.lang[i] === 1;
      if (title) box.appendChild(el("div", { "class": "geomap-title", dir: rtl ? "rtl" : "auto" }, title));
      var table = el("table");
      row(table, "Type", types[data.type[i]].name);
      row(table, "Sub-type", str(data.sub[i]));
      row(table, "Actors", actorsText(i));
      var a1 = str(data.a1[i]), a2 = str(data.a2[i]);
      var others = data.actors[i].map(str).filter(function (a) { return a !== a1 && a !== a2; });
      if (others.length) row(table, "Also", others.join(", "));
      row(table, "Date", dateText(i));
      var place = str(data.place[i]);
      var mention = str(data.mention[i]);
      if (mention && mention !== place) place = (place || "?") + " (" + mention + ")";
      row(table, "Place", place);
      row(table, "Precision", PREC_TEXT[data.prec[i]] || "unknown");
      if (data.fatal && data.fatal[i] !== null) row(table, "Fatalities", String(data.fatal[i]));
      row(table, "Status", str(data.status[i]));
      box.appendChild(table);
      if (precOf(i) === 3) {
        box.appendChild(el("div", { "class": "geomap-approx" },
          "Placed at region or country level: the event happened somewhere in " +
          (str(data.place[i]) || "this area") + ", not at this point."));
      }
      var sentence = str(data.sentence[i]);
      if (sentence) {
        box.appendChild(el("blockquote", { "class": "geomap-sentence", dir: rtl ? "rtl" : "ltr", lang: rtl ? "ar" : "en" }, sentence));
      }
      var sources = data.sources[i];
      if (sources.length) {
        var ul = el("ul", { "class": "geomap-sources" });
        sources.forEach(function (k) {
          var s = S[k];
          var li = el("li");
          var href = safeHttpUrl(s);
          if (href) {
            var a = el("a", { target: "_blank", rel: "noopener noreferrer nofollow" }, s);
            a.href = href;
            li.appendChild(a);
          } else {
            li.appendChild(el("span", { dir: "auto" }, s));
          }
          ul.appendChild(li);
        });
        box.appendChild(ul);
      }
      return box;
    }

    var MAX_IN_POPUP = 50;
    function groupContent(list) {
      var box = el("div", { "class": "geomap-popup geomap-multi" });
      box.appendChild(el("div", { "class": "geomap-title" }, list.length + " events at this spot"));
      list.slice(0, MAX_IN_POPUP).forEach(function (i, k) {
        var det = el("details", { "class": "geomap-one" });
        if (k === 0) det.open = true;
        det.appendChild(el("summary", { dir: "auto" },
          shortDate(i) + " \u00b7 " + types[data.type[i]].name + (actorsText(i) ? " \u00b7 " + actorsText(i) : "")));
        det.appendChild(popupContent(i));
        box.appendChild(det);
      });
      if (list.length > MAX_IN_POPUP) {
        box.appendChild(el("div", null, "\u2026 and " + (list.length - MAX_IN_POPUP) + " more (see the list)"));
      }
      return box;
    }

    function openPopup(list, latlng) {
      if (typeof list === "number") list = [list];
      list = list.slice().sort(function (a, b) { return (data.day[b] || 0) - (data.day[a] || 0); });
      // Auto-pan clear of the layer control and legend, not only of the map's edge.
      var right = Math.max(corner("topright").w, corner("bottomright").w);
      if (right > map.getSize().x * 0.5) right = 0;
      var bottom = corner("bottomleft").h;
      if (bottom > map.getSize().y * 0.4) bottom = 0;
      L.popup({
        maxWidth: Math.min(360, map.getSize().x - 40),
        maxHeight: Math.max(200, map.getSize().y - 160),
        autoPanPaddingTopLeft: [corner("topleft").w + 10, 10],
        autoPanPaddingBottomRight: [right + 10, bottom + 10]
      }).setLatLng(latlng).setContent(list.length > 1 ? groupContent(list) : popupContent(list[0])).openOn(map);
      stats.popupEvents = list.length;
      select(list[0]);
    }
    clusters.on("click", function (e) {
      if (e.layer._geomapIndex !== undefined) openPopup(e.layer._geomapIndex, e.layer.getLatLng());
    });

    // --- controls -------------------------------------------------------------------------
    function control_(position, build) {
      var C = L.Control.extend({
        onAdd: function () {
          var div = build();
          L.DomEvent.disableClickPropagation(div);
          L.DomEvent.disableScrollPropagation(div);
          return div;
        }
      });
      return new C({ position: position }).addTo(map);
    }

    // A one-time message, in the header box under the summary (where it covers nothing).
    function notice(text) {
      var box = el("div", { "class": "geomap-notice", role: "status" });
      box.appendChild(el("span", null, text));
      var close = el("button", { type: "button", "aria-label": "close" }, "\u00d7");
      close.addEventListener("click", function () { box.remove(); });
      box.appendChild(close);
      (summaryLine ? summaryLine.parentNode : map.getContainer()).appendChild(box);
    }

    var summaryLine = null;
    control_("topleft", function () {
      var div = el("div", { "class": "geomap-box geomap-head" });
      if (data.mapTitle) div.appendChild(el("div", { "class": "geomap-maptitle", dir: "auto" }, data.mapTitle));
      summaryLine = el("div", { "class": "geomap-summary" });
      div.appendChild(summaryLine);
      var langs = el("div", { "class": "geomap-lang", role: "group", "aria-label": "place names" });
      langs.appendChild(el("span", null, "Names: "));
      [["en", "English"], ["ar", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629"]].forEach(function (l) {
        var b = el("button", { type: "button", "data-lang": l[0], lang: l[0] }, l[1]);
        b.addEventListener("click", function () { setLang(l[0]); });
        langs.appendChild(b);
      });
      div.appendChild(langs);
      return div;
    });
    function setLang(lang) {
      state.lang = lang === "ar" ? "ar" : "en";
      var bs = document.querySelectorAll(".geomap-lang button");
      for (var k = 0; k < bs.length; k++) bs[k].setAttribute("aria-pressed", String(bs[k].getAttribute("data-lang") === state.lang));
      labels.redraw();
      writeHash();
    }

    var legendCounts = [];
    control_(small ? "topright" : "bottomright", function () {
      var det = el("details", { "class": "geomap-box geomap-legend" });
      if (!small) det.open = true;
      det.appendChild(el("summary", { "class": "geomap-legend-head" }, "Legend"));
      det.appendChild(el("div", { "class": "geomap-legend-head" }, "Event type (shown)"));
      types.forEach(function (t) {
        var line = el("div");
        var sw = el("span", { "class": "geomap-swatch" });
        sw.style.background = COLOR_RE.test(t.color) ? t.color : "#777777";
        line.appendChild(sw);
        line.appendChild(document.createTextNode(t.name));
        var c = el("span", { "class": "geomap-legend-n" });
        legendCounts.push(c);
        line.appendChild(c);
        line.title = t.name;
        det.appendChild(line);
      });
      det.appendChild(el("div", { "class": "geomap-legend-head" }, "Location precision"));
      data.precision.forEach(function (p) {
        var line = el("div");
        line.appendChild(el("span", { "class": "geomap-prec geomap-prec-" + p.level }));
        line.appendChild(document.createTextNode(p.label));
        det.appendChild(line);
      });
      det.appendChild(el("div", { "class": "geomap-legend-note" }, "~ before a date: approximate"));
      return det;
    });

    var emptyBox = el("div", { "class": "geomap-empty", role: "status" });
    emptyBox.appendChild(el("div", null, "No events match the current filters."));
    var resetBtn = el("button", { type: "button" }, "Show all events");
    resetBtn.addEventListener("click", function () { resetFilters(); });
    emptyBox.appendChild(resetBtn);
    emptyBox.style.display = "none";
    map.getContainer().appendChild(emptyBox);
    L.DomEvent.disableClickPropagation(emptyBox);

    // --- timeline: stacked histogram by type, with a brush --------------------------------
    var hist = makeTimeline();

    function makeTimeline() {
      var api = { reset: function () {}, add: function () {}, draw: function () {}, sync: function () {} };
      if (data.dayMin === null) return api;
      var d0 = data.dayMin, d1 = data.dayMax, span = d1 - d0 + 1;
      var unit = span <= 120 ? "day" : span <= 7 * 160 ? "week" : "month";
      var startMonth = null;
      function monthOf(day) { var t = new Date(day * 86400000); return t.getUTCFullYear() * 12 + t.getUTCMonth(); }
      if (unit === "month") startMonth = monthOf(d0);
      function binOf(day) {
        if (unit === "day") return day - d0;
        if (unit === "week") return Math.floor((day - d0) / 7);
        return monthOf(day) - startMonth;
      }
      function binStart(b) {
        if (unit === "day") return d0 + b;
        if (unit === "week") return d0 + 7 * b;
        var m = startMonth + b;
        return Math.round(Date.UTC(Math.floor(m / 12), m % 12, 1) / 86400000);
      }
      function binEnd(b) { return Math.min(binStart(b + 1) - 1, d1); }
      var nb = binOf(d1) + 1;
      var bins = new Int32Array(n);
      for (var i = 0; i < n; i++) bins[i] = data.day[i] === null ? -1 : binOf(data.day[i]);
      var counts = new Int32Array(nb * nTypes);
      var canvas, tip, label, from, to, undated;
      var H = 64;
      api.unit = unit;
      api.bins = nb;
      api.reset = function () { counts.fill(0); };
      api.add = function (i) { var b = bins[i]; if (b >= 0) counts[b * nTypes + data.type[i]]++; };
      api.draw = function () {
        if (!canvas) return;
        var w = canvas.clientWidth || 300, ratio = window.devicePixelRatio || 1;
        canvas.width = w * ratio; canvas.height = H * ratio;
        var ctx = canvas.getContext("2d");
        ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
        ctx.clearRect(0, 0, w, H);
        var max = 1;
        for (var b = 0; b < nb; b++) {
          var tot = 0;
          for (var t = 0; t < nTypes; t++) tot += counts[b * nTypes + t];
          if (tot > max) max = tot;
        }
        var bw = w / nb;
        for (b = 0; b < nb; b++) {
          var y = H;
          for (t = 0; t < nTypes; t++) {
            var c = counts[b * nTypes + t];
            if (!c) continue;
            var h = c / max * (H - 4);
            ctx.fillStyle = COLOR_RE.test(types[t].color) ? types[t].color : "#777777";
            ctx.fillRect(b * bw, y - h, Math.max(bw - (bw > 3 ? 1 : 0), 0.6), h);
            y -= h;
          }
        }
        // The brush: what is outside the time filter is greyed.
        var x0 = (binOf(state.from)) * bw, x1 = (binOf(state.to) + 1) * bw;
        ctx.fillStyle = "rgba(255,255,255,0.65)";
        ctx.fillRect(0, 0, Math.max(0, x0), H);
        ctx.fillRect(x1, 0, Math.max(0, w - x1), H);
        ctx.strokeStyle = "#333";
        ctx.lineWidth = 1;
        ctx.strokeRect(x0 + 0.5, 0.5, Math.max(1, x1 - x0 - 1), H - 1);
        api.sync();
      };
      api.sync = function () {
        if (!label) return;
        label.textContent = dayToIso(state.from) + " \u2013 " + dayToIso(state.to) + "  (per " + unit + ")";
        from.value = String(state.from); to.value = String(state.to);
        if (undated) undated.checked = state.undated;
      };
      function binAt(ev) {
        var r = canvas.getBoundingClientRect();
        var x = Math.max(0, Math.min(r.width - 0.01, ev.clientX - r.left));
        return Math.floor(x / r.width * nb);
      }
      function setRange(a, b) {
        state.from = Math.max(d0, Math.min(a, b));
        state.to = Math.min(d1, Math.max(a, b));
        refresh();
      }
      api.setRange = setRange;
      control_("bottomleft", function () {
        var div = el("div", { "class": "geomap-box geomap-time" });
        var head = el("div", { "class": "geomap-time-head" });
        head.appendChild(el("span", { "class": "geomap-legend-head" }, "Events over time "));
        label = el("span", { "class": "geomap-time-label" });
        head.appendChild(label);
        var all = el("button", { type: "button", "class": "geomap-time-all" }, "all dates");
        all.addEventListener("click", function () { setRange(d0, d1); });
        head.appendChild(all);
        div.appendChild(head);
        canvas = el("canvas", { "class": "geomap-timeline", height: String(H), role: "img",
          "aria-label": "events per " + unit + " by type; drag to choose dates" });
        canvas.style.height = H + "px";
        div.appendChild(canvas);
        tip = el("div", { "class": "geomap-tip" });
        tip.style.display = "none";
        div.appendChild(tip);
        var dragFrom = null;
        canvas.addEventListener("pointerdown", function (ev) {
          dragFrom = binAt(ev);
          canvas.setPointerCapture(ev.pointerId);
        });
        canvas.addEventListener("pointermove", function (ev) {
          var b = binAt(ev);
          if (dragFrom !== null) {
            state.from = binStart(Math.min(dragFrom, b));
            state.to = binEnd(Math.max(dragFrom, b));
            api.draw();
          }
          showTip(b, ev);
        });
        canvas.addEventListener("pointerup", function (ev) {
          if (dragFrom === null) return;
          var b = binAt(ev), a = dragFrom;
          dragFrom = null;
          setRange(binStart(Math.min(a, b)), binEnd(Math.max(a, b)));
        });
        canvas.addEventListener("pointerleave", function () { tip.style.display = "none"; });
        function showTip(b, ev) {
          // Type names are article-derived text: set with textContent only.
          var parts = [];
          for (var t = 0; t < nTypes; t++) {
            var c = counts[b * nTypes + t];
            if (c) parts.push(types[t].name + ": " + c);
          }
          tip.textContent = dayToIso(binStart(b)) + (unit === "day" ? "" : " \u2013 " + dayToIso(binEnd(b))) +
            "\n" + (parts.length ? parts.join("\n") : "no events");
          tip.style.display = "";
          var r = canvas.getBoundingClientRect();
          tip.style.left = Math.max(0, Math.min(r.width - 160, ev.clientX - r.left + 8)) + "px";
        }
        // Sliders stay for keyboards.
        from = el("input", { type: "range", min: d0, max: d1, step: 1, value: state.from, "class": "geomap-from", "aria-label": "from date" });
        to = el("input", { type: "range", min: d0, max: d1, step: 1, value: state.to, "class": "geomap-to", "aria-label": "to date" });
        function slide() { setRange(parseInt(from.value, 10), parseInt(to.value, 10)); }
        from.addEventListener("input", slide);
        to.addEventListener("input", slide);
        var sliders = el("div", { "class": "geomap-sliders" });
        sliders.appendChild(from);
        sliders.appendChild(to);
        div.appendChild(sliders);
        if (data.undated) {
          var box = el("label");
          undated = el("input", { type: "checkbox", "class": "geomap-undated" });
          undated.checked = state.undated;
          undated.addEventListener("change", function () { state.undated = undated.checked; refresh(); });
          box.appendChild(undated);
          box.appendChild(document.createTextNode(" undated events (" + data.undated + ")"));
          div.appendChild(box);
        }
        var w = Math.min(small ? 9999 : 460, map.getSize().x - 30);
        div.style.width = w + "px";
        return div;
      });
      return api;
    }

    // --- the event list -------------------------------------------------------------------
    var list = makeList();

    function makeList() {
      var ROW = 46;
      var COLS = [
        ["date", "Date"], ["type", "Type"], ["actors", "Actors"], ["place", "Place"],
        ["fatal", "Deaths"], ["source", "Source"]
      ];
      if (!data.fatal) COLS = COLS.filter(function (c) { return c[0] !== "fatal"; });
      var order = {}; // sort key -> Int32Array of every event, ascending
      var idx = new Int32Array(0), len = 0;
      var panel = el("aside", { "class": "geomap-panel", "aria-label": "event list" });
      var head = el("div", { "class": "geomap-panel-head" });
      var search = el("input", { type: "search", "class": "geomap-search", placeholder: "Search actors, places, text",
        "aria-label": "search events" });
      search.value = state.q;
      var timer = null;
      search.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(function () { state.q = search.value; refresh(); }, 150);
      });
      head.appendChild(search);
      var line = el("div", { "class": "geomap-panel-line" });
      var countText = el("span", { "class": "geomap-list-count" });
      line.appendChild(countText);
      var viewBox = el("label", { "class": "geomap-inview" });
      var view = el("input", { type: "checkbox", "class": "geomap-restrict" });
      view.checked = state.restrict;
      view.addEventListener("change", function () { state.restrict = view.checked; api.rebuild(); writeHash(); });
      viewBox.appendChild(view);
      viewBox.appendChild(document.createTextNode(" only in view"));
      line.appendChild(viewBox);
      head.appendChild(line);
      var dl = el("div", { "class": "geomap-downloads" });
      dl.appendChild(el("span", null, "Download shown: "));
      var gj = el("button", { type: "button", "class": "geomap-dl-geojson" }, "GeoJSON");
      var cv = el("button", { type: "button", "class": "geomap-dl-csv" }, "CSV");
      gj.addEventListener("click", function () { download("geomap-events.geojson", "application/geo+json", toGeoJSON()); });
      cv.addEventListener("click", function () { download("geomap-events.csv", "text/csv", toCSV()); });
      dl.appendChild(gj);
      dl.appendChild(cv);
      head.appendChild(dl);
      var header = el("div", { "class": "geomap-row geomap-row-head", role: "row" });
      COLS.forEach(function (c) {
        var b = el("button", { type: "button", role: "columnheader", "data-sort": c[0] }, c[1]);
        b.addEventListener("click", function () {
          if (state.sort === c[0]) state.desc = !state.desc;
          else { state.sort = c[0]; state.desc = c[0] === "date" || c[0] === "fatal"; }
          api.rebuild();
          writeHash();
        });
        header.appendChild(b);
      });
      head.appendChild(header);
      panel.appendChild(head);
      var scroller = el("div", { "class": "geomap-list", role: "table", "aria-label": "events", tabindex: "0" });
      var spacer = el("div", { "class": "geomap-spacer" });
      scroller.appendChild(spacer);
      var emptyNote = el("div", { "class": "geomap-list-empty" }, "No events match the current filters.");
      panel.appendChild(scroller);
      panel.appendChild(emptyNote);
      document.body.appendChild(panel);
      var toggle = el("button", { type: "button", "class": "geomap-drawer-toggle", "aria-expanded": "false" }, "List");
      toggle.addEventListener("click", function () {
        var open = !document.body.classList.contains("geomap-drawer-open");
        document.body.classList.toggle("geomap-drawer-open", open);
        toggle.setAttribute("aria-expanded", String(open));
        renderRows();
      });
      document.body.appendChild(toggle);
      document.body.classList.add("geomap-with-panel");
      map.invalidateSize({ animate: false });

      function sortKey(key) {
        if (order[key]) return order[key];
        var all = new Int32Array(n), k;
        if (key === "date") {
          // Counting sort by day: O(n), so a 1M-event page sorts at once; undated first.
          var lo = data.dayMin === null ? 0 : data.dayMin, size = data.dayMin === null ? 1 : data.dayMax - lo + 2;
          var bucket = new Int32Array(size + 1);
          for (k = 0; k < n; k++) bucket[(data.day[k] === null ? 0 : data.day[k] - lo + 1) + 1]++;
          for (k = 1; k <= size; k++) bucket[k] += bucket[k - 1];
          for (k = 0; k < n; k++) all[bucket[data.day[k] === null ? 0 : data.day[k] - lo + 1]++] = k;
        } else {
          var keyOf;
          if (key === "type") keyOf = function (i) { return types[data.type[i]].name; };
          else if (key === "actors") keyOf = function (i) { return actorsText(i) || "\uffff"; };
          else if (key === "place") keyOf = function (i) { return str(data.place[i]) || "\uffff"; };
          else if (key === "source") keyOf = function (i) { return data.sources[i].length ? S[data.sources[i][0]] : "\uffff"; };
          else keyOf = function (i) { return data.fatal[i] === null ? -1 : data.fatal[i]; };
          var keys = new Array(n);
          for (k = 0; k < n; k++) { keys[k] = keyOf(k); all[k] = k; }
          var date = sortKey("date"), rank = new Int32Array(n);
          for (k = 0; k < n; k++) rank[date[k]] = k;
          Array.prototype.sort.call(all, function (a, b) {
            var x = keys[a], y = keys[b];
            return x < y ? -1 : x > y ? 1 : rank[a] - rank[b];
          });
        }
        return (order[key] = all);
      }

      var api = {};
      api.rebuild = function () {
        var perm = sortKey(state.sort);
        if (idx.length !== n) idx = new Int32Array(n);
        len = 0;
        var b = state.restrict ? map.getBounds() : null;
        var s = b ? b.getSouth() : 0, w = b ? b.getWest() : 0, no = b ? b.getNorth() : 0, e = b ? b.getEast() : 0;
        for (var k = 0; k < n; k++) {
          var i = perm[state.desc ? n - 1 - k : k];
          if (!shown[i]) continue;
          if (b && (data.lat[i] < s || data.lat[i] > no || data.lon[i] < w || data.lon[i] > e)) continue;
          idx[len++] = i;
        }
        stats.listed = len;
        countText.textContent = len + (len === 1 ? " event" : " events") + (state.restrict ? " in view" : "");
        toggle.textContent = "List (" + len + ")";
        emptyNote.style.display = len ? "none" : "";
        spacer.style.height = len * ROW + "px";
        var hs = header.querySelectorAll("button");
        for (var h = 0; h < hs.length; h++) {
          var key = hs[h].getAttribute("data-sort");
          hs[h].setAttribute("aria-sort", key === state.sort ? (state.desc ? "descending" : "ascending") : "none");
        }
        renderRows();
      };
      var rows = [];
      function renderRows() {
        rows.forEach(function (r) { r.remove(); });
        rows = [];
        var top = scroller.scrollTop, hgt = scroller.clientHeight || 600;
        var first = Math.max(0, Math.floor(top / ROW) - 3), last = Math.min(len, Math.ceil((top + hgt) / ROW) + 3);
        for (var k = first; k < last; k++) {
          var i = idx[k];
          var r = el("div", { "class": "geomap-row" + (i === selected ? " geomap-selected" : ""), role: "row", "data-i": String(i) });
          r.style.top = k * ROW + "px";
          var cells = {
            date: shortDate(i), type: types[data.type[i]].name, actors: actorsText(i) || "",
            place: str(data.place[i]) || "", fatal: data.fatal && data.fatal[i] !== null ? String(data.fatal[i]) : "",
            source: data.sources[i].length ? S[data.sources[i][0]] : ""
          };
          COLS.forEach(function (c) {
            var cell = el("div", { role: "cell", "class": "geomap-c-" + c[0], dir: "auto" }, cells[c[0]]);
            cell.title = cells[c[0]];
            if (c[0] === "type") {
              var sw = el("span", { "class": "geomap-swatch" });
              sw.style.background = COLOR_RE.test(types[data.type[i]].color) ? types[data.type[i]].color : "#777777";
              cell.insertBefore(sw, cell.firstChild);
            }
            r.appendChild(cell);
          });
          r.addEventListener("click", onRow);
          scroller.appendChild(r);
          rows.push(r);
        }
      }
      function onRow(ev) {
        var i = parseInt(ev.currentTarget.getAttribute("data-i"), 10);
        select(i);
        if (small) {
          document.body.classList.remove("geomap-drawer-open");
          toggle.setAttribute("aria-expanded", "false");
        }
        map.setView([data.lat[i], data.lon[i]], Math.max(map.getZoom(), 10), { animate: false });
        openPopup(api.atSpot(i), L.latLng(data.lat[i], data.lon[i]));
      }
      // Every shown event drawn at the same spot as event i.
      api.atSpot = function (i) {
        var out = [];
        for (var k = 0; k < n; k++) {
          if (shown[k] && data.lat[k] === data.lat[i] && data.lon[k] === data.lon[i]) out.push(k);
        }
        return out.length ? out : [i];
      };
      scroller.addEventListener("scroll", renderRows);
      api.scrollTo = function (i) {
        for (var k = 0; k < len; k++) {
          if (idx[k] === i) {
            var y = k * ROW;
            if (y < scroller.scrollTop || y > scroller.scrollTop + scroller.clientHeight - ROW) {
              scroller.scrollTop = Math.max(0, y - scroller.clientHeight / 3);
            }
            break;
          }
        }
        renderRows();
      };
      api.shownIndexes = function () { return Array.prototype.slice.call(idx, 0, len); };
      map.on("moveend", function () { if (state.restrict) api.rebuild(); });
      return api;
    }

    // The event picked in the list or on the map: a ring of its own (redrawing 100k
    // markers for one ring would cost a frame or more).
    var ring = L.circleMarker([0, 0], { radius: 10, color: "#000", weight: 2.5, fill: false, interactive: false });
    function select(i) {
      selected = i;
      ring.setLatLng([data.lat[i], data.lon[i]]).setRadius(PREC[precOf(i)].radius + 4);
      if (!map.hasLayer(ring)) ring.addTo(map);
      list.scrollTo(i);
    }

    // --- downloads ------------------------------------------------------------------------
    var FIELDS = ["event_id", "event_date", "time_precision", "event_type", "sub_event_type", "status",
      "actor1", "actor2", "actors", "place_name", "mention", "admin1", "country_code", "latitude",
      "longitude", "geo_precision", "fatalities", "language", "source", "sources", "title", "sentence"];
    function record(i) {
      var actors = data.actors[i].map(str), sources = data.sources[i].map(str);
      return {
        event_id: str(data.eid[i]), event_date: str(data.date[i]),
        time_precision: data.tprec[i] || null, event_type: types[data.type[i]].name,
        sub_event_type: str(data.sub[i]), status: str(data.status[i]) || "reported",
        actor1: str(data.a1[i]), actor2: str(data.a2[i]), actors: actors,
        place_name: str(data.place[i]), mention: str(data.mention[i]), admin1: str(data.adm[i]),
        country_code: str(data.cc[i]), latitude: data.lat[i], longitude: data.lon[i],
        geo_precision: data.prec[i], fatalities: data.fatal ? data.fatal[i] : null,
        language: data.lang[i] === 1 ? "ar" : "en", source: sources[0] || null, sources: sources,
        title: str(data.titles[i]), sentence: str(data.sentence[i])
      };
    }
    // The events shown on the map, in the list's order (the list's view restriction aside).
    function shownEvents() {
      var out = [];
      for (var i = 0; i < n; i++) if (shown[i]) out.push(i);
      return out;
    }
    function toGeoJSON() {
      return JSON.stringify({
        type: "FeatureCollection",
        features: shownEvents().map(function (i) {
          return { type: "Feature", geometry: { type: "Point", coordinates: [data.lon[i], data.lat[i]] }, properties: record(i) };
        })
      });
    }
    function csvCell(v) {
      if (v === null || v === undefined) return "";
      var text = Array.isArray(v) ? JSON.stringify(v) : String(v);
      if (typeof v === "string" && FORMULA_START.test(text)) text = "'" + text;
      return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
    }
    function toCSV() {
      var lines = [FIELDS.join(",")];
      shownEvents().forEach(function (i) {
        var r = record(i);
        lines.push(FIELDS.map(function (f) { return csvCell(r[f]); }).join(","));
      });
      return lines.join("\r\n") + "\r\n";
    }
    function download(name, mime, text) {
      var url = URL.createObjectURL(new Blob([text], { type: mime + ";charset=utf-8" }));
      var a = el("a", { download: name });
      a.href = url;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    }

    // --- place labels on the offline map --------------------------------------------------
    function makeLabels() {
      var L_ = data.labels || { name: [], ar: [], lat: [], lon: [], kind: [], pop: [] };
      var m = L_.name.length;
      map.createPane("geomapLabels");
      var pane = map.getPane("geomapLabels");
      pane.style.zIndex = 390;
      pane.style.pointerEvents = "none";
      // Smallest zoom at which a label may show: countries first, then capitals, regions,
      // and towns by size (the collision test then keeps the first that fit).
      function minZoom(k) {
        var kind = L_.kind[k], pop = L_.pop[k];
        if (kind === 3) return 3;
        if (kind === 1) return 4;
        if (kind === 2) return 6;
        return pop >= 1e6 ? 5 : pop >= 2e5 ? 6 : pop >= 5e4 ? 7 : pop >= 1e4 ? 8 : pop >= 3000 ? 9 : 10;
      }
      var Layer = L.Layer.extend({
        onAdd: function (mp) {
          this._canvas = L.DomUtil.create("canvas", "geomap-labels leaflet-zoom-hide");
          pane.appendChild(this._canvas);
          mp.on("moveend zoomend resize viewreset", this.redraw, this);
          this.redraw();
        },
        onRemove: function (mp) {
          L.DomUtil.remove(this._canvas);
          mp.off("moveend zoomend resize viewreset", this.redraw, this);
        },
        redraw: function () {
          if (!this._map) return;
          var t0 = performance.now();
          this._draw();
          stats.timings.labelsMs = performance.now() - t0;
        },
        _draw: function () {
          var mp = this._map, size = mp.getSize(), c = this._canvas, ratio = window.devicePixelRatio || 1;
          c.width = size.x * ratio; c.height = size.y * ratio;
          c.style.width = size.x + "px"; c.style.height = size.y + "px";
          L.DomUtil.setPosition(c, mp.containerPointToLayerPoint([0, 0]));
          var ctx = c.getContext("2d");
          ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
          ctx.clearRect(0, 0, size.x, size.y);
          stats.labelsDrawn = 0;
          stats.labelSample = [];
          if (!state.offline) return; // the tiles carry their own names
          var z = mp.getZoom(), boxes = [];
          for (var k = 0; k < m; k++) {
            var kind = L_.kind[k];
            if (z < minZoom(k) || (kind === 3 && z > 7) || (kind === 2 && z > 10)) continue;
            var p = mp.latLngToContainerPoint([L_.lat[k], L_.lon[k]]);
            if (p.x < -50 || p.y < -20 || p.x > size.x + 50 || p.y > size.y + 20) continue;
            var text = state.lang === "ar" && L_.ar[k] ? L_.ar[k] : L_.name[k];
            var fontSize = kind === 3 ? 14 : kind === 1 ? 13 : kind === 2 ? 12 : L_.pop[k] >= 2e5 ? 12 : 11;
            ctx.font = (kind === 2 ? "italic " : kind === 1 || kind === 3 ? "bold " : "") + fontSize + "px Arial, 'Noto Sans Arabic', sans-serif";
            var w = ctx.measureText(text).width;
            var dot = kind === 0 || kind === 1;
            var x = dot ? p.x + 5 : p.x - w / 2, y = dot ? p.y - fontSize / 2 - 1 : p.y - fontSize / 2;
            var box = [x - 2, y - 2, x + w + 2, y + fontSize + 3];
            var hit = false;
            for (var b = 0; b < boxes.length; b++) {
              var o = boxes[b];
              if (box[0] < o[2] && box[2] > o[0] && box[1] < o[3] && box[3] > o[1]) { hit = true; break; }
            }
            if (hit) continue;
            boxes.push(box);
            if (dot) boxes.push([p.x - 4, p.y - 4, p.x + 4, p.y + 4]);
            if (dot) {
              ctx.beginPath();
              ctx.arc(p.x, p.y, kind === 1 ? 3.5 : 2.5, 0, 2 * Math.PI);
              ctx.fillStyle = "#444";
              ctx.fill();
              if (kind === 1) { ctx.strokeStyle = "#fff"; ctx.lineWidth = 1; ctx.stroke(); }
            }
            ctx.textBaseline = "top";
            ctx.lineWidth = 3;
            ctx.strokeStyle = "rgba(255,255,255,0.9)";
            ctx.strokeText(text, x, y);
            ctx.fillStyle = kind === 2 ? "#6b4f63" : kind === 3 ? "#555" : "#222";
            ctx.fillText(text, x, y);
            stats.labelsDrawn++;
            if (stats.labelSample.length < 40) stats.labelSample.push(text);
          }
        }
      });
      var layer = new Layer();
      layer.addTo(map);
      return layer;
    }

    // --- the URL fragment: filters and view -----------------------------------------------
    function readHash() {
      var h = (location.hash || "").replace(/^#/, "");
      if (!h) return;
      var p;
      try { p = new URLSearchParams(h); } catch (e) { return; }
      function offList(key, arr) {
        (p.get(key) || "").split(",").forEach(function (s) {
          var k = parseInt(s, 10);
          if (/^\d+$/.test(s) && k < arr.length) arr[k] = false;
        });
      }
      offList("t", state.typeOn);
      offList("g", state.groupOn);
      if (p.has("s")) {
        state.statusOn = {};
        p.get("s").split(",").forEach(function (s) { if (s) state.statusOn[s] = true; });
      }
      var f = isoToDay(p.get("f") || ""), u = isoToDay(p.get("u") || "");
      if (f !== null && data.dayMin !== null) state.from = Math.max(data.dayMin, Math.min(f, data.dayMax));
      if (u !== null && data.dayMin !== null) state.to = Math.min(data.dayMax, Math.max(u, state.from));
      if (p.get("n") === "0") state.undated = false;
      if (p.has("q")) state.q = p.get("q").slice(0, 200);
      if (p.get("r") === "1") state.restrict = true;
      var o = p.get("o") || "";
      if (/^(date|type|actors|place|fatal|source)[+-]$/.test(o)) { state.sort = o.slice(0, -1); state.desc = o.slice(-1) === "-"; }
      if (p.get("l") === "ar") state.lang = "ar";
      if (p.get("b") === "off") state.offline = true;
      var v = (p.get("v") || "").split(",").map(Number);
      if (v.length === 3 && v.every(isFinite) && Math.abs(v[0]) <= 90 && Math.abs(v[1]) <= 180) {
        state.view = { center: [v[0], v[1]], zoom: Math.max(2, Math.min(18, v[2])) };
      }
    }
    var hashReady = false, hashTimer = null;
    function writeHash() {
      if (!hashReady) return;
      clearTimeout(hashTimer);
      hashTimer = setTimeout(function () {
        var parts = [];
        var c = map.getCenter();
        parts.push("v=" + c.lat.toFixed(4) + "," + c.lng.toFixed(4) + "," + map.getZoom());
        var offT = [], offG = [];
        state.typeOn.forEach(function (on, k) { if (!on) offT.push(k); });
        state.groupOn.forEach(function (on, k) { if (!on) offG.push(k); });
        if (offT.length) parts.push("t=" + offT.join(","));
        if (offG.length) parts.push("g=" + offG.join(","));
        var on = STATUS.filter(function (s, k) { return statusFlags[k]; });
        if (on.join(",") !== (data.statuses || ["reported"]).join(",")) parts.push("s=" + encodeURIComponent(on.join(",")));
        if (data.dayMin !== null && state.from !== data.dayMin) parts.push("f=" + dayToIso(state.from));
        if (data.dayMin !== null && state.to !== data.dayMax) parts.push("u=" + dayToIso(state.to));
        if (!state.undated) parts.push("n=0");
        if (state.q) parts.push("q=" + encodeURIComponent(state.q));
        if (state.restrict) parts.push("r=1");
        if (state.sort !== "date" || !state.desc) parts.push("o=" + state.sort + (state.desc ? "-" : "+"));
        if (state.lang === "ar") parts.push("l=ar");
        if (tiles && state.offline && !stats.tilesFailed) parts.push("b=off");
        history.replaceState(null, "", "#" + parts.join("&"));
      }, 200);
    }
    map.on("moveend", writeHash);

    function resetFilters() {
      state.typeOn.forEach(function (_, k) { state.typeOn[k] = true; });
      state.groupOn.forEach(function (_, k) { state.groupOn[k] = true; });
      state.from = data.dayMin; state.to = data.dayMax; state.undated = true; state.q = "";
      var inputs = document.querySelectorAll(".geomap-search");
      for (var k = 0; k < inputs.length; k++) inputs[k].value = "";
      map.eachLayer(function () {});
      control._layers.forEach(function (o) {
        var t = o.layer._geomapToggle;
        if (t && t.flags !== statusFlags && !map.hasLayer(o.layer)) o.layer.addTo(map);
      });
      refresh();
    }

    // Width and height of the controls in one corner of the map (attribution and scale left out).
    function corner(name) {
      var c = map._controlCorners[name], w = 0, h = 0;
      if (!c) return { w: 0, h: 0 };
      for (var k = 0; k < c.children.length; k++) {
        var ctl = c.children[k];
        if (/leaflet-control-(attribution|scale)/.test(ctl.className)) continue;
        w = Math.max(w, ctl.offsetWidth + 10);
        h += ctl.offsetHeight + 10;
      }
      return { w: w, h: h };
    }

    // --- view -----------------------------------------------------------------------------
    if (state.view) {
      map.setView(state.view.center, state.view.zoom, { animate: false });
    } else if (data.bounds) {
      // Fit the events into the band the controls leave free: the top controls and the
      // bottom ones (timeline, legend) take height; sideways only the side padding.
      var size = map.getSize();
      var top = Math.max(corner("topleft").h, corner("topright").h);
      var bottom = Math.max(corner("bottomleft").h, corner("bottomright").h);
      if (top > size.y * 0.3) top = size.y * 0.3;
      if (bottom > size.y * 0.35) bottom = size.y * 0.35;
      map.fitBounds(data.bounds, {
        paddingTopLeft: [30, top + 15], paddingBottomRight: [30, bottom + 15], maxZoom: 11,
        animate: false // an opening zoom animation would undo a view set in its 250 ms
      });
    }
    setLang(state.lang);
    stats.timings.controls = performance.now();
    points.addTo(map);
    refresh();
    hashReady = true;
    stats.timings.drawn = performance.now();
    requestAnimationFrame(function () {
      requestAnimationFrame(function () {
        // Canvas drawing is recorded and rasterised later; reading one pixel forces the
        // raster now, so "ready" means the markers really are painted.
        if (points._canvas) points._canvas.getContext("2d").getImageData(0, 0, 1, 1);
        stats.ready = true;
        stats.readyMs = performance.now();
      });
    });
    // For tests, the benchmark and the console.
    window.geomapApi = {
      refresh: refresh, setRange: function (a, b) { hist.setRange ? hist.setRange(a, b) : null; },
      search: function (q) { state.q = q; refresh(); }, csv: toCSV, geojson: toGeoJSON,
      listed: function () { return list.shownIndexes(); }, timeline: function () { return { unit: hist.unit, bins: hist.bins }; },
      state: state, openEvent: function (i) { openPopup(list.atSpot(i), L.latLng(data.lat[i], data.lon[i])); },
      reset: resetFilters, control: control,
      // Container point of the painted event nearest to (x, y), or null.
      nearestDrawn: function (x, y) {
        var best = -1, bestD = Infinity;
        for (var i = 0; i < n; i++) {
          if (!painted[i]) continue;
          var d = (sx[i] - x) * (sx[i] - x) + (sy[i] - y) * (sy[i] - y);
          if (d < bestD) { bestD = d; best = i; }
        }
        return best < 0 ? null : [sx[best], sy[best]];
      }
    };
    return stats;
  }

  window.geomapDraw = draw;
})();
