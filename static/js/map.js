// The report form's map, when the council has a tile server: drag it (or use the arrow
// keys), then select the place, or press Enter to mark the map's centre; the latitude and
// longitude fields below are filled in. Without JavaScript the container stays hidden and
// the fields are typed as before. A file, not an inline script, for the Content-Security-
// Policy; the tile server's origin is the only other one images may come from.
(function () {
  'use strict';
  var TILE = 256;
  var MIN_ZOOM = 3;
  var MAX_ZOOM = 19;
  var STEP = 64;  // pixels an arrow key moves the map

  // Web Mercator: degrees to world pixels at a zoom level, and back.
  function toPixels(lat, lon, zoom) {
    var size = TILE * Math.pow(2, zoom);
    var sin = Math.sin(lat * Math.PI / 180);
    return {
      x: (lon + 180) / 360 * size,
      y: (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * size
    };
  }

  function toDegrees(x, y, zoom) {
    var size = TILE * Math.pow(2, zoom);
    var n = Math.PI - 2 * Math.PI * y / size;
    return {
      lat: 180 / Math.PI * Math.atan(0.5 * (Math.exp(n) - Math.exp(-n))),
      lon: x / size * 360 - 180
    };
  }

  function parsePair(text) {
    var parts = String(text || '').split(',');
    var lat = parseFloat(parts[0]);
    var lon = parseFloat(parts[1]);
    return isFinite(lat) && isFinite(lon) ? { lat: lat, lon: lon } : null;
  }

  function button(text) {
    var element = document.createElement('button');
    element.type = 'button';
    element.className = 'govuk-button govuk-button--secondary';
    element.textContent = text;
    return element;
  }

  function AppMap(root) {
    var latInput = document.getElementById('lat');
    var lonInput = document.getElementById('long');
    if (!latInput || !lonInput) {
      return;
    }
    this.root = root;
    this.latInput = latInput;
    this.lonInput = lonInput;
    this.tiles = root.getAttribute('data-tiles');
    this.zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, parseInt(root.getAttribute('data-zoom'), 10) || 15));
    var typed = parsePair(latInput.value + ',' + lonInput.value);
    var start = typed || parsePair(root.getAttribute('data-centre')) || { lat: 54.59654, lon: -5.93025 };
    this.centre = toPixels(start.lat, start.lon, this.zoom);
    this.marked = typed;
    this.build();
    root.hidden = false;  // before drawing: a hidden viewport has no size
    this.draw();
  }

  AppMap.prototype.build = function () {
    var self = this;
    var root = this.root;
    this.viewport = document.createElement('div');
    this.viewport.className = 'app-map__viewport';
    this.viewport.tabIndex = 0;
    this.viewport.setAttribute('role', 'application');
    this.viewport.setAttribute('aria-label', root.getAttribute('data-label'));
    this.layer = document.createElement('div');
    this.viewport.appendChild(this.layer);
    this.marker = document.createElement('div');
    this.marker.className = 'app-map__marker';
    this.marker.hidden = true;
    this.viewport.appendChild(this.marker);
    var crosshair = document.createElement('div');
    crosshair.className = 'app-map__crosshair';
    crosshair.setAttribute('aria-hidden', 'true');
    this.viewport.appendChild(crosshair);
    root.appendChild(this.viewport);

    var controls = document.createElement('div');
    controls.className = 'app-map__controls';
    var zoomIn = button(root.getAttribute('data-zoom-in'));
    var zoomOut = button(root.getAttribute('data-zoom-out'));
    zoomIn.addEventListener('click', function () { self.zoomBy(1); });
    zoomOut.addEventListener('click', function () { self.zoomBy(-1); });
    controls.appendChild(zoomIn);
    controls.appendChild(zoomOut);
    root.appendChild(controls);

    var attribution = document.createElement('p');
    attribution.className = 'govuk-body-s app-map__attribution';
    attribution.textContent = root.getAttribute('data-attribution');
    root.appendChild(attribution);

    this.status = document.createElement('p');
    this.status.className = 'govuk-visually-hidden';
    this.status.setAttribute('aria-live', 'polite');
    root.appendChild(this.status);

    this.listen();
  };

  AppMap.prototype.listen = function () {
    var self = this;
    var drag = null;
    this.viewport.addEventListener('pointerdown', function (event) {
      drag = { id: event.pointerId, x: event.clientX, y: event.clientY, moved: 0 };
      self.viewport.setPointerCapture(event.pointerId);
    });
    this.viewport.addEventListener('pointermove', function (event) {
      if (!drag || drag.id !== event.pointerId) {
        return;
      }
      var dx = event.clientX - drag.x;
      var dy = event.clientY - drag.y;
      drag.moved += Math.abs(dx) + Math.abs(dy);
      drag.x = event.clientX;
      drag.y = event.clientY;
      self.panBy(-dx, -dy);
    });
    this.viewport.addEventListener('pointerup', function (event) {
      if (!drag || drag.id !== event.pointerId) {
        return;
      }
      // A press that hardly moved is a choice of place, not a drag.
      if (drag.moved < 6) {
        var box = self.viewport.getBoundingClientRect();
        self.mark(self.centre.x + event.clientX - box.left - box.width / 2,
                  self.centre.y + event.clientY - box.top - box.height / 2);
      }
      drag = null;
    });
    this.viewport.addEventListener('pointercancel', function () { drag = null; });
    this.viewport.addEventListener('keydown', function (event) {
      var handled = true;
      switch (event.key) {
        case 'ArrowLeft': self.panBy(-STEP, 0); break;
        case 'ArrowRight': self.panBy(STEP, 0); break;
        case 'ArrowUp': self.panBy(0, -STEP); break;
        case 'ArrowDown': self.panBy(0, STEP); break;
        case '+': case '=': self.zoomBy(1); break;
        case '-': case '_': self.zoomBy(-1); break;
        case 'Enter': case ' ': self.mark(self.centre.x, self.centre.y); break;
        default: handled = false;
      }
      if (handled) {
        event.preventDefault();
      }
    });
    window.addEventListener('resize', function () { self.draw(); });
  };

  AppMap.prototype.panBy = function (dx, dy) {
    this.centre = { x: this.centre.x + dx, y: this.centre.y + dy };
    this.draw();
  };

  AppMap.prototype.zoomBy = function (step) {
    var zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, this.zoom + step));
    if (zoom === this.zoom) {
      return;
    }
    var at = toDegrees(this.centre.x, this.centre.y, this.zoom);
    this.zoom = zoom;
    this.centre = toPixels(at.lat, at.lon, zoom);
    this.draw();
  };

  AppMap.prototype.mark = function (x, y) {
    var at = toDegrees(x, y, this.zoom);
    this.marked = at;
    this.latInput.value = at.lat.toFixed(6);
    this.lonInput.value = at.lon.toFixed(6);
    var details = this.latInput.closest('details');
    if (details) {
      details.open = true;
    }
    this.status.textContent = this.root.getAttribute('data-marked') + ' ' +
        at.lat.toFixed(5) + ', ' + at.lon.toFixed(5);
    this.draw();
  };

  AppMap.prototype.draw = function () {
    var width = this.viewport.clientWidth;
    var height = this.viewport.clientHeight;
    var left = this.centre.x - width / 2;
    var top = this.centre.y - height / 2;
    var count = Math.pow(2, this.zoom);
    var fragment = document.createDocumentFragment();
    for (var ty = Math.floor(top / TILE); ty * TILE < top + height; ty++) {
      if (ty < 0 || ty >= count) {
        continue;
      }
      for (var tx = Math.floor(left / TILE); tx * TILE < left + width; tx++) {
        var wrapped = ((tx % count) + count) % count;
        var image = document.createElement('img');
        image.className = 'app-map__tile';
        image.alt = '';
        image.src = this.tiles.replace('{z}', this.zoom).replace('{x}', wrapped).replace('{y}', ty);
        image.style.left = Math.round(tx * TILE - left) + 'px';
        image.style.top = Math.round(ty * TILE - top) + 'px';
        fragment.appendChild(image);
      }
    }
    this.layer.replaceChildren(fragment);
    if (this.marked) {
      var point = toPixels(this.marked.lat, this.marked.lon, this.zoom);
      this.marker.style.left = Math.round(point.x - left) + 'px';
      this.marker.style.top = Math.round(point.y - top) + 'px';
      this.marker.hidden = false;
    }
  };

  var maps = document.querySelectorAll('[data-app-map]');
  for (var i = 0; i < maps.length; i++) {
    new AppMap(maps[i]);
  }
})();
