using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace RecomAmp.DevHost.Functions;

/// <summary>
/// Calls one function: binds its arguments, creates its class per call from the call's services (as the
/// Functions worker does), invokes the method and awaits it. Everything that can be checked is checked when
/// it is created.
/// </summary>
internal sealed class FunctionInvoker
{
    private readonly FunctionMethod _function;
    private readonly ParameterBinder[] _binders;
    private readonly ObjectFactory? _factory;
    private readonly FunctionReturnKind _returnKind;
    private readonly Func<object, Task>? _awaitable;
    private readonly PropertyInfo? _taskResult;

    private FunctionInvoker(
        FunctionMethod function,
        ParameterBinder[] binders,
        ObjectFactory? factory,
        FunctionReturnKind returnKind)
    {
        _function = function;
        _binders = binders;
        _factory = factory;
        _returnKind = returnKind;
        var returnType = function.Method.ReturnType;
        if (returnKind == FunctionReturnKind.TaskOfActionResult)
        {
            _awaitable = returned => (Task)returned;
            _taskResult = returnType.GetProperty(nameof(Task<object>.Result));
        }
        else if (returnKind == FunctionReturnKind.ValueTaskOfActionResult)
        {
            var asTask = returnType.GetMethod(nameof(ValueTask<object>.AsTask))!;
            _awaitable = returned => (Task)asTask.Invoke(returned, null)!;
            _taskResult = asTask.ReturnType.GetProperty(nameof(Task<object>.Result));
        }
    }

    /// <summary>
    /// The types of the constructor DevHost creates the function's class with; empty for static methods.
    /// </summary>
    public IReadOnlyList<ParameterInfo> ConstructorParameters { get; private init; } = [];

    /// <exception cref="DevHostStartupException">
    /// A parameter, the return type or the class is not supported.
    /// </exception>
    public static FunctionInvoker Create(FunctionMethod function, RoutePattern? route)
    {
        var binders = function.Method.GetParameters()
            .Select(parameter => FunctionParameterBinding.Create(function, parameter, route))
            .ToArray();
        var returnKind = ReturnKindOf(function);
        if (function.Method.IsStatic)
        {
            return new FunctionInvoker(function, binders, null, returnKind);
        }

        var type = function.Method.DeclaringType!;
        try
        {
            var constructors = type.GetConstructors();
            var factory = ActivatorUtilities.CreateFactory(type, Type.EmptyTypes);
            return new FunctionInvoker(function, binders, factory, returnKind)
            {
                ConstructorParameters = constructors.Length == 1 ? constructors[0].GetParameters() : [],
            };
        }
        catch (InvalidOperationException ex)
        {
            throw function.Fail($"DevHost cannot create {type.Name} from services: {ex.Message}", inner: ex);
        }
    }

    /// <summary>The arguments of a call; false when the request does not fit the function.</summary>
    public bool TryBindArguments(FunctionInvocation invocation, out object?[] arguments)
    {
        arguments = new object?[_binders.Length];
        for (var i = 0; i < _binders.Length; i++)
        {
            if (!_binders[i](invocation, out arguments[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Calls the function and returns its action result, or null when it has none.</summary>
    public async Task<IActionResult?> InvokeAsync(FunctionInvocation invocation, object?[] arguments)
    {
        var instance = _factory?.Invoke(invocation.Services, null);
        try
        {
            var returned = _function.Method.Invoke(
                instance,
                BindingFlags.DoNotWrapExceptions,
                binder: null,
                arguments,
                CultureInfo.InvariantCulture);
            switch (_returnKind)
            {
                case FunctionReturnKind.Void:
                    return null;
                case FunctionReturnKind.Task:
                    await (Task)returned!;
                    return null;
                case FunctionReturnKind.ActionResult:
                    return (IActionResult?)returned;
                default:
                    var task = _awaitable!(returned!);
                    await task;
                    return (IActionResult?)_taskResult!.GetValue(task);
            }
        }
        finally
        {
            if (instance is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync();
            }
            else if (instance is IDisposable disposable)
            {
                disposable.Dispose();
            }
        }
    }

    private static FunctionReturnKind ReturnKindOf(FunctionMethod function)
    {
        var type = function.Method.ReturnType;
        if (type == typeof(void))
        {
            return FunctionReturnKind.Void;
        }

        if (type == typeof(Task))
        {
            return FunctionReturnKind.Task;
        }

        if (function.Trigger == FunctionTrigger.Http)
        {
            if (typeof(IActionResult).IsAssignableFrom(type))
            {
                return FunctionReturnKind.ActionResult;
            }

            if (type.IsGenericType && typeof(IActionResult).IsAssignableFrom(type.GetGenericArguments()[0]))
            {
                var definition = type.GetGenericTypeDefinition();
                if (definition == typeof(Task<>))
                {
                    return FunctionReturnKind.TaskOfActionResult;
                }

                if (definition == typeof(ValueTask<>))
                {
                    return FunctionReturnKind.ValueTaskOfActionResult;
                }
            }

            throw function.Fail(
                $"DevHost cannot answer a request with a {type.Name}. An HTTP function returns "
                + "IActionResult, Task<IActionResult>, ValueTask<IActionResult>, Task or void.");
        }

        throw function.Fail($"DevHost cannot finish a {type.Name}. A timer function returns Task or void.");
    }
}
