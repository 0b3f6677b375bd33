/*
 * sandbox-prelude.js — the host's side of a sandbox engine; not part of the policy helper library.
 *
 * Evaluated once per engine, after policy-helpers.js and before the built-ins are frozen. Its value is
 * a toolkit only the host holds (nothing here becomes a global):
 *   installVariables(vars)  sets `variables`, `getVariable(name)` and one get<Name>() per variable;
 *   describeError(thrown)   turns whatever a script threw into plain strings the host can read;
 *   toJson(value)           JSON text for a script's result (undefined for nothing JSON can hold).
 * All three run inside the engine, so the limits that bound the script bound them too.
 */
(function (global) {
  'use strict';

  var MissingParameterError = global.MissingParameterError;
  var stringify = JSON.stringify;
  var keys = Object.keys;
  var hasOwn = Object.prototype.hasOwnProperty;
  var defineProperty = Object.defineProperty;
  var getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;

  /**
   * Once the built-in prototypes are frozen, `obj.name = v` fails for any obj inheriting a read-only
   * `name` (the "override mistake"). Turning the inherited property into an accessor whose setter
   * defines an own property on the receiver keeps the common assignments working.
   * @param {object} proto
   * @param {string} key
   */
  function allowOverride(proto, key) {
    var desc = getOwnPropertyDescriptor(proto, key);
    if (!desc || !('value' in desc) || !desc.configurable) {
      return;
    }
    var value = desc.value;
    defineProperty(proto, key, {
      get: function () {
        return value;
      },
      set: function (replacement) {
        if (this === proto) {
          throw new TypeError("Cannot assign to read only property '" + key + "' of a built-in prototype");
        }
        defineProperty(this, key, { value: replacement, writable: true, enumerable: true, configurable: true });
      },
      enumerable: desc.enumerable,
      configurable: false,
    });
  }

  ['constructor', 'toString', 'toLocaleString', 'valueOf'].forEach(function (key) {
    allowOverride(Object.prototype, key);
  });
  ['constructor', 'toString'].forEach(function (key) {
    allowOverride(Function.prototype, key);
  });
  [Error, TypeError, RangeError, ReferenceError, SyntaxError, EvalError, URIError, MissingParameterError].forEach(function (ctor) {
    ['constructor', 'name', 'message', 'toString'].forEach(function (key) {
      allowOverride(ctor.prototype, key);
    });
  });

  /**
   * @param {Object<string, *>} vars
   */
  function installVariables(vars) {
    global.variables = vars;
    global.getVariable = function getVariable(name) {
      var key = String(name);
      return hasOwn.call(vars, key) ? vars[key] : undefined;
    };
    // Elsa 3 style accessors: variable counter -> getCounter(). Never over a name already defined.
    keys(vars).forEach(function (name) {
      if (name === '') {
        return;
      }
      var accessor = 'get' + name.charAt(0).toUpperCase() + name.slice(1);
      if (!(accessor in global)) {
        global[accessor] = function () {
          return vars[name];
        };
      }
    });
  }

  /**
   * @param {*} thrown
   * @returns {{kind: string, name: string, message: string, parameter: string}}
   */
  function describeError(thrown) {
    try {
      if (thrown instanceof MissingParameterError) {
        return { kind: 'parameter', name: 'MissingParameterError', message: String(thrown.message), parameter: String(thrown.parameter) };
      }
      if (thrown instanceof Error) {
        return { kind: 'error', name: String(thrown.name), message: String(thrown.message), parameter: '' };
      }
      return { kind: 'value', name: '', message: typeof thrown === 'symbol' ? thrown.toString() : String(thrown), parameter: '' };
    } catch (unprintable) {
      return { kind: 'value', name: '', message: 'a value that cannot be shown', parameter: '' };
    }
  }

  /**
   * @param {*} value
   * @returns {string|undefined}
   */
  function toJson(value) {
    return stringify(value);
  }

  return { installVariables: installVariables, describeError: describeError, toJson: toJson };
})(globalThis);
