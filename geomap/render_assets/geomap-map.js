/* geomap's map drawing: events embedded once as columnar JSON, drawn client-side.
 *
 * Why this shape: per-marker folium objects make 100k-event maps unusable (megabytes of
 * generated JS, seconds per thousand markers). Here every event is one L.circleMarker on the
 * shared canvas renderer, created from the embedded arrays.
 *
 * Overlays (event types, actors or actor types, "Unattributed") are empty layer groups that
 * only carry their on/off state in the layer control: an event is drawn when its type overlay
 * is on, at least one of its actor overlays is on, and its date is inside the time slider's
 * range. That is the same as "an event is in the layer of each of its actors", without
 * drawing an event once per actor.
 *
 * Safety: every string from the data (article text is hostile) reaches the DOM through
 * textContent or, for the layer control which only takes HTML strings, through esc().
 * Links are made only for http(s) URLs, parsed by URL().
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

  var COLOR_RE = /^#[0-9a-fA-F]{6}$/;

  function draw(map, tiles, data, basemap) {
    var S = data.strings;
    var str = function (i) { return i === null || i === undefined || i < 0 ? null : S[i]; };
    var n = data.lat.length;
    var stats = {
      total: data.total, drawable: n, drawn: 0, ready: false, readyMs: null,
      clustered: 0, heatPoints: 0, overlays: [], timings: { start: performance.now() }
    };
    window.geomapStats = stats;
    // For tests and the console: the maps drawn on this page (not serialisable, so apart).
    (window.geomapMaps = window.geomapMaps || []).push(map);

    // Basemap: Natural Earth country outlines in a pane under the tiles, so with tiles the
    // map looks as usual and without network it is still a map, not a grey box.
    map.createPane("geomapBasemap");
    map.getPane("geomapBasemap").style.zIndex = 150;
    map.getContainer().style.background = "#dbe9f4";
    L.geoJSON(basemap, {
      pane: "geomapBasemap",
      renderer: L.canvas({ pane: "geomapBasemap" }),
      interactive: false,
      style: { color: "#9a9a9a", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1 }
    }).addTo(map);
    map.attributionControl.addAttribution(data.attribution);

    // --- markers ------------------------------------------------------------------------
    // One canvas layer paints every shown event in a handful of batched paths (one per
    // type x precision style): 100k L.circleMarker objects cost seconds to create, add and
    // draw one by one; batched arcs cost tens of milliseconds.
    var PREC = {
      1: { radius: 6, weight: 1, opacity: 1, fillOpacity: 0.85, dash: [] },
      2: { radius: 8, weight: 1.5, opacity: 0.9, fillOpacity: 0.3, dash: [4, 3] },
      3: { radius: 10, weight: 1.5, opacity: 0.8, fillOpacity: 0.05, dash: [2, 3] }
    };
    var types = data.types;
    stats.timings.basemap = performance.now();
    // Web Mercator at zoom 0, computed once; a redraw only scales and shifts.
    var px0 = new Float64Array(n), py0 = new Float64Array(n);
    for (var i = 0; i < n; i++) {
      var q = map.options.crs.latLngToPoint(L.latLng(data.lat[i], data.lon[i]), 0);
      px0[i] = q.x;
      py0[i] = q.y;
    }
    var precOf = function (i) { return PREC[data.prec[i]] ? data.prec[i] : 3; };
    var shown = new Uint8Array(n);
    // Screen positions from the last paint (container pixels), for clicks.
    var sx = new Float32Array(n), sy = new Float32Array(n), painted = new Uint8Array(n);

    function markerOptions(i) {
      var p = PREC[precOf(i)], color = types[data.type[i]].color;
      return {
        radius: p.radius, weight: p.weight, opacity: p.opacity, fillOpacity: p.fillOpacity,
        color: precOf(i) === 1 ? "#222" : color, fillColor: color,
        dashArray: p.dash.length ? p.dash.join(" ") : null
      };
    }

    // Each style (type x precision) is drawn once into a small sprite and blitted per event:
    // one stroked path of 100k dashed circles takes Skia seconds to rasterise, 100k
    // drawImage calls of a sprite take milliseconds.
    var sprites = {};
    function sprite(i, ratio) {
      var key = data.type[i] * 4 + precOf(i) + "@" + ratio;
      if (sprites[key]) return sprites[key];
      var o = markerOptions(i), p = PREC[precOf(i)];
      var half = Math.ceil(o.radius + o.weight);
      var c = document.createElement("canvas");
      c.width = c.height = 2 * half * ratio;
      var ctx = c.getContext("2d");
      ctx.scale(ratio, ratio);
      ctx.beginPath();
      ctx.arc(half, half, o.radius, 0, 2 * Math.PI);
      ctx.globalAlpha = o.fillOpacity;
      ctx.fillStyle = o.fillColor;
      ctx.fill();
      ctx.globalAlpha = o.opacity;
      ctx.strokeStyle = o.color;
      ctx.lineWidth = o.weight;
      ctx.setLineDash(p.dash);
      ctx.stroke();
      return (sprites[key] = { canvas: c, half: half });
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
        var m = this._map, size = m.getSize();
        // Draw half a screen beyond each edge, as L.Canvas does, so panning shows markers.
        var pad = size.multiplyBy(0.5).round();
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
        // container x = world x * scale - pixelOrigin.x + mapPanePos.x
        var ox = -origin.x + mapPos.x, oy = -origin.y + mapPos.y;
        var byStyle = {};
        var count = 0;
        painted.fill(0);
        for (var i = 0; i < n; i++) {
          if (!shown[i]) continue;
          var x = px0[i] * scale + ox, y = py0[i] * scale + oy;
          sx[i] = x;
          sy[i] = y;
          if (x < -pad.x - 12 || y < -pad.y - 12 || x > size.x + pad.x + 12 || y > size.y + pad.y + 12) continue;
          painted[i] = 1;
          count++;
          var key = data.type[i] * 4 + precOf(i);
          (byStyle[key] || (byStyle[key] = [])).push(i);
        }
        // Largest (least precise) first, so exact points stay on top.
        var keys = Object.keys(byStyle).map(Number).sort(function (a, b) { return (b % 4) - (a % 4); });
        keys.forEach(function (key) {
          var list = byStyle[key], sp = sprite(list[0], ratio), half = sp.half;
          for (var k = 0; k < list.length; k++) {
            ctx.drawImage(sp.canvas, sx[list[k]] + pad.x - half, sy[list[k]] + pad.y - half, 2 * half, 2 * half);
          }
        });
        ctx.globalAlpha = 1;
        stats.drawn = count;
      },
      // The topmost shown event under a container point, or -1.
      hit: function (pt) {
        var best = -1, bestD = Infinity;
        for (var i = 0; i < n; i++) {
          if (!painted[i]) continue;
          var dx = sx[i] - pt.x, dy = sy[i] - pt.y, d = dx * dx + dy * dy;
          var r = PREC[precOf(i)].radius + 2;
          if (d <= r * r && (d < bestD || (d === bestD && precOf(i) < precOf(best)))) {
            best = i;
            bestD = d;
          }
        }
        return best;
      },
      _click: function (e) {
        var i = this.hit(e.containerPoint);
        if (i >= 0) openPopup(i, L.latLng(data.lat[i], data.lon[i]));
      },
      _hover: function (e) {
        this._map.getContainer().style.cursor = this.hit(e.containerPoint) >= 0 ? "pointer" : "";
      }
    });
    var points = new PointsLayer();

    // --- overlays ------------------------------------------------------------------------
    var typeOn = types.map(function () { return true; });
    var groupOn = data.groups.map(function () { return true; });
    var overlays = {};
    var control = L.control.layers(null, null, {
      collapsed: types.length + data.groups.length > 25, position: "topright"
    });
    if (tiles) {
      control.addBaseLayer(tiles, "OpenStreetMap");
      control.addBaseLayer(L.layerGroup(), "No tiles (offline outlines)");
    }
    var clusters = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false });
    var heat = L.heatLayer([], { radius: 18, blur: 15, minOpacity: 0.3 });
    control.addOverlay(points, "Markers");
    control.addOverlay(clusters, "Clusters");
    control.addOverlay(heat, "Heatmap");

    // The layer control sets labels with innerHTML: escape them; stats keeps the plain text.
    function addToggle(text, prefixHtml, flags, k) {
      var layer = L.layerGroup().addTo(map);
      layer._geomapToggle = { flags: flags, k: k };
      control.addOverlay(layer, prefixHtml + esc(text));
      stats.overlays.push(text);
      overlays[text] = layer;
    }
    types.forEach(function (t, k) {
      var color = COLOR_RE.test(t.color) ? t.color : "#777777";
      addToggle("Type: " + t.name + " (" + t.count + ")",
        '<span class="geomap-swatch" style="background:' + color + '"></span>', typeOn, k);
    });
    data.groups.forEach(function (g, k) {
      addToggle(g.label + " (" + g.count + ")", "", groupOn, k);
    });
    // Labels are cut to one line by CSS; the full text shows on hover (set as text, not
    // HTML). The control rebuilds its labels on every layer change, hence the wrap.
    var rebuild = control._update;
    control._update = function () {
      rebuild.call(this);
      var labels = this.getContainer().querySelectorAll("label");
      for (var li = 0; li < labels.length; li++) labels[li].title = labels[li].textContent.trim();
      return this;
    };
    control.addTo(map);

    // --- time range ----------------------------------------------------------------------
    var range = { from: data.dayMin, to: data.dayMax, undated: true };

    function visible(i) {
      if (!typeOn[data.type[i]]) return false;
      var d = data.day[i];
      if (d === null) {
        if (!range.undated) return false;
      } else if (d < range.from || d > range.to) {
        return false;
      }
      var gs = data.group[i];
      for (var j = 0; j < gs.length; j++) if (groupOn[gs[j]]) return true;
      return false;
    }

    var clustersDirty = true;
    function refreshClusters() {
      if (!map.hasLayer(clusters)) { clustersDirty = true; return; }
      clusters.clearLayers();
      var list = [];
      for (var i = 0; i < n; i++) {
        if (shown[i]) {
          var c = L.circleMarker([data.lat[i], data.lon[i]], markerOptions(i));
          c._geomapIndex = i;
          list.push(c);
        }
      }
      clusters.addLayers(list);
      stats.clustered = list.length;
      clustersDirty = false;
    }
    function refreshHeat() {
      var pts = [];
      for (var i = 0; i < n; i++) if (shown[i]) pts.push([data.lat[i], data.lon[i]]);
      heat.setLatLngs(pts);
      stats.heatPoints = pts.length;
    }

    function refresh() {
      var count = 0;
      for (var i = 0; i < n; i++) {
        shown[i] = visible(i) ? 1 : 0;
        count += shown[i];
      }
      stats.visible = count;
      points.redraw();
      refreshClusters();
      if (map.hasLayer(heat)) refreshHeat();
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
    }
    map.on("overlayadd", function (e) { onOverlay(e, true); });
    map.on("overlayremove", function (e) { onOverlay(e, false); });

    // --- popups --------------------------------------------------------------------------
    var PREC_TEXT = {};
    data.precision.forEach(function (p) { PREC_TEXT[p.level] = p.label; });

    function row(table, label, value, dir) {
      if (value === null || value === undefined || value === "") return;
      var tr = el("tr");
      tr.appendChild(el("th", null, label));
      var td = el("td", { dir: dir || "auto" }, value);
      tr.appendChild(td);
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
      var a1 = str(data.a1[i]), a2 = str(data.a2[i]);
      var actors = a1 && a2 ? a1 + " \u2192 " + a2 : a1 || (a2 ? "? \u2192 " + a2 : null);
      row(table, "Actors", actors);
      var others = data.actors[i].map(str).filter(function (a) { return a !== a1 && a !== a2; });
      if (others.length) row(table, "Also", others.join(", "));
      row(table, "Date", str(data.date[i]) || "unknown");
      var place = str(data.place[i]);
      var mention = str(data.mention[i]);
      if (mention && mention !== place) place = (place || "?") + " (" + mention + ")";
      row(table, "Place", place);
      row(table, "Precision", PREC_TEXT[data.prec[i]] || "unknown");
      row(table, "Status", str(data.status[i]));
      box.appendChild(table);
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

    function openPopup(i, latlng) {
      // Auto-pan clear of the layer control and legend, not only of the map's edge.
      var right = Math.max(corner("topright").w, corner("bottomright").w);
      if (right > map.getSize().x * 0.5) right = 0;
      L.popup({
        maxWidth: 360,
        autoPanPaddingTopLeft: [corner("topleft").w + 10, 10],
        autoPanPaddingBottomRight: [right + 10, 10]
      }).setLatLng(latlng).setContent(popupContent(i)).openOn(map);
    }
    clusters.on("click", function (e) {
      if (e.layer._geomapIndex !== undefined) openPopup(e.layer._geomapIndex, e.layer.getLatLng());
    });

    // --- controls: title, legend, time slider --------------------------------------------
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

    if (data.mapTitle) {
      control_("topleft", function () {
        return el("div", { "class": "geomap-box geomap-maptitle", dir: "auto" }, data.mapTitle);
      });
    }

    control_("bottomright", function () {
      var div = el("div", { "class": "geomap-box geomap-legend" });
      div.appendChild(el("div", { "class": "geomap-legend-head" }, "Event type"));
      types.forEach(function (t) {
        var line = el("div");
        var sw = el("span", { "class": "geomap-swatch" });
        sw.style.background = COLOR_RE.test(t.color) ? t.color : "#777777";
        line.appendChild(sw);
        line.appendChild(document.createTextNode(t.name + " (" + t.count + ")"));
        div.appendChild(line);
      });
      div.appendChild(el("div", { "class": "geomap-legend-head" }, "Location precision"));
      data.precision.forEach(function (p) {
        var line = el("div");
        var ring = el("span", { "class": "geomap-prec geomap-prec-" + p.level });
        line.appendChild(ring);
        line.appendChild(document.createTextNode(p.label));
        div.appendChild(line);
      });
      return div;
    });

    if (data.dayMin !== null) {
      control_("bottomleft", function () {
        var div = el("div", { "class": "geomap-box geomap-time" });
        div.appendChild(el("div", { "class": "geomap-legend-head" }, "Event dates"));
        var label = el("div", { "class": "geomap-time-label" });
        var from = el("input", { type: "range", min: data.dayMin, max: data.dayMax, step: 1, value: data.dayMin, "class": "geomap-from", "aria-label": "from date" });
        var to = el("input", { type: "range", min: data.dayMin, max: data.dayMax, step: 1, value: data.dayMax, "class": "geomap-to", "aria-label": "to date" });
        var undatedBox = el("label");
        var undated = el("input", { type: "checkbox", "class": "geomap-undated" });
        undated.checked = true;
        undatedBox.appendChild(undated);
        undatedBox.appendChild(document.createTextNode(" undated events (" + data.undated + ")"));
        function update() {
          var a = parseInt(from.value, 10), b = parseInt(to.value, 10);
          if (a > b) { var t = a; a = b; b = t; }
          range.from = a; range.to = b; range.undated = undated.checked;
          label.textContent = dayToIso(a) + " \u2013 " + dayToIso(b);
          refresh();
        }
        from.addEventListener("input", update);
        to.addEventListener("input", update);
        undated.addEventListener("change", update);
        label.textContent = dayToIso(data.dayMin) + " \u2013 " + dayToIso(data.dayMax);
        div.appendChild(label);
        div.appendChild(from);
        div.appendChild(to);
        if (data.undated) div.appendChild(undatedBox);
        return div;
      });
    }

    // Width and height of the controls in one corner of the map (not attribution/scale).
    // Size of the controls in one corner of the map (attribution and scale left out).
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

    // --- view ----------------------------------------------------------------------------
    // Fit the events into the part of the map the controls leave free.
    if (data.bounds) {
      var size = map.getSize();
      var tr = corner("topright"), br = corner("bottomright");
      var tl = corner("topleft"), bl = corner("bottomleft");
      var right = Math.max(tr.w, br.w), left = Math.max(tl.w, bl.w);
      // Only avoid the controls when enough map is left; on small maps just pad.
      if (left + right > size.x * 0.6) { left = 0; right = 0; }
      map.fitBounds(data.bounds, {
        paddingTopLeft: [left + 20, 30],
        paddingBottomRight: [right + 20, Math.min(bl.h, size.y * 0.3) + 20],
        maxZoom: 11
      });
    }
    stats.timings.controls = performance.now();
    refresh();
    points.addTo(map);
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
    return stats;
  }

  window.geomapDraw = draw;
})();
