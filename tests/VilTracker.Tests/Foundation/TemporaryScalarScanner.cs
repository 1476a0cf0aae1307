using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace VilTracker.Tests.Foundation;

/// <summary>
/// Finds, in compiled assemblies, every call that makes TorchSharp create a temporary <c>Scalar</c>: an implicit
/// conversion to <c>Scalar</c> at the call site, or a call into a TorchSharp method that creates one inside
/// (directly or through the TorchSharp methods it calls, e.g. <c>Tensor + Tensor</c>, which passes an alpha of 1).
/// Such a temporary is unreachable while the native call that reads it runs, so a garbage collection started by another
/// thread can finalise it (freeing the native scalar) in the middle of that call. Reads the IL with
/// System.Reflection.Metadata; method identities are "Type::name(parameter types)".
/// </summary>
internal sealed class TemporaryScalarScanner
{
    private readonly HashSet<string> creators;

    /// <summary>Reads TorchSharp's IL and computes the set of its methods that create temporary Scalars.</summary>
    public TemporaryScalarScanner(string torchSharpPath)
    {
        using var torch = new Assembly(torchSharpPath);
        var callees = new Dictionary<string, List<string>>();
        foreach (var (name, calls) in torch.Methods())
            callees[name] = calls;
        creators = callees.Where(kv => kv.Value.Any(CreatesDirectly)).Select(kv => kv.Key).ToHashSet();
        // Virtual dispatch: a call to Base::step reaches every override, so an override that creates makes the name risky.
        for (bool changed = true; changed;)
        {
            changed = false;
            foreach (var (name, calls) in callees)
                if (!creators.Contains(name) && calls.Any(creators.Contains) && creators.Add(name))
                    changed = true;
        }
        var overridden = creators.Select(MethodName).ToHashSet();
        VirtualCreators = callees.Keys.Where(k => k.Contains("::step(") && overridden.Contains(MethodName(k))).ToHashSet();
    }

    /// <summary>The one type allowed to create scalars: it roots each one for the whole native call.</summary>
    public const string AllowedCreator = "VilTracker.Tensors.TensorMath";

    /// <summary>Optimiser <c>step</c> methods whose override in some optimiser creates temporary Scalars.</summary>
    public IReadOnlySet<string> VirtualCreators { get; }

    /// <summary>True when some overload of <paramref name="typeName"/>'s <c>forward</c> creates temporary Scalars (modules are called through the virtual <c>forward</c>).</summary>
    public bool ForwardCreates(string typeName) => creators.Any(c => c.StartsWith(typeName + "::forward(", StringComparison.Ordinal));

    /// <summary>Every (calling method, TorchSharp callee) pair in <paramref name="assemblyPath"/> that creates a temporary Scalar.</summary>
    public IReadOnlyList<(string Caller, string Callee)> Scan(string assemblyPath)
    {
        using var assembly = new Assembly(assemblyPath);
        var found = new List<(string, string)>();
        foreach (var (name, calls) in assembly.Methods())
            foreach (var callee in calls.Distinct())
                if (!name.StartsWith(AllowedCreator + "::", StringComparison.Ordinal))
                    if (CreatesDirectly(callee) || creators.Contains(callee) || VirtualCreators.Contains(callee))
                        found.Add((name, callee));
        return found;
    }

    private static bool CreatesDirectly(string callee) =>
        callee.StartsWith("TorchSharp.Scalar::op_Implicit(", StringComparison.Ordinal)
        || callee.StartsWith("TorchSharp.ScalarExtensionMethods::To", StringComparison.Ordinal) && callee.Contains("Scalar(");

    private static string MethodName(string identity) => identity[(identity.IndexOf("::", StringComparison.Ordinal) + 2)..];

    /// <summary>One assembly's metadata and IL.</summary>
    private sealed class Assembly : IDisposable
    {
        private readonly PEReader pe;
        private readonly MetadataReader reader;
        private readonly SignatureDecoder<string, object?> decoder;

        public Assembly(string path)
        {
            pe = new PEReader(File.OpenRead(path));
            reader = pe.GetMetadataReader();
            decoder = new SignatureDecoder<string, object?>(new TypeNames(), reader, null);
        }

        public void Dispose() => pe.Dispose();

        /// <summary>Every method with a body, with the methods its IL calls (call, callvirt, newobj, ldftn).</summary>
        public IEnumerable<(string Name, List<string> Calls)> Methods()
        {
            foreach (var handle in reader.MethodDefinitions)
            {
                var method = reader.GetMethodDefinition(handle);
                if (method.RelativeVirtualAddress == 0) continue;
                yield return (DefinitionName(handle), Calls(method.RelativeVirtualAddress));
            }
        }

        private List<string> Calls(int rva)
        {
            var calls = new List<string>();
            var il = pe.GetMethodBody(rva).GetILReader();
            while (il.RemainingBytes > 0)
            {
                byte first = il.ReadByte();
                var op = first == 0xFE ? (ILOpCode)(0xFE00 | il.ReadByte()) : (ILOpCode)first;
                if (op is ILOpCode.Call or ILOpCode.Callvirt or ILOpCode.Newobj or ILOpCode.Ldftn or ILOpCode.Ldvirtftn)
                {
                    var target = MetadataTokens.EntityHandle(il.ReadInt32());
                    if (Name(target) is { } name) calls.Add(name);
                }
                else if (op == ILOpCode.Switch)
                    il.Offset += 4 * il.ReadInt32();
                else
                    il.Offset += OperandSize(op);
            }
            return calls;
        }

        private string? Name(EntityHandle handle) => handle.Kind switch
        {
            HandleKind.MethodDefinition => DefinitionName((MethodDefinitionHandle)handle),
            HandleKind.MemberReference => ReferenceName((MemberReferenceHandle)handle),
            HandleKind.MethodSpecification => Name(reader.GetMethodSpecification((MethodSpecificationHandle)handle).Method),
            _ => null,
        };

        private string DefinitionName(MethodDefinitionHandle handle)
        {
            var method = reader.GetMethodDefinition(handle);
            return $"{TypeNames.Definition(reader, method.GetDeclaringType())}::{reader.GetString(method.Name)}{Parameters(method.Signature)}";
        }

        private string ReferenceName(MemberReferenceHandle handle)
        {
            var member = reader.GetMemberReference(handle);
            string type = member.Parent.Kind switch
            {
                HandleKind.TypeReference => TypeNames.Reference(reader, (TypeReferenceHandle)member.Parent),
                HandleKind.TypeDefinition => TypeNames.Definition(reader, (TypeDefinitionHandle)member.Parent),
                HandleKind.TypeSpecification => GenericTypeName((TypeSpecificationHandle)member.Parent),
                _ => "?",
            };
            return $"{type}::{reader.GetString(member.Name)}{Parameters(member.Signature)}";
        }

        private string GenericTypeName(TypeSpecificationHandle handle)
        {
            string decoded = reader.GetTypeSpecification(handle).DecodeSignature(new TypeNames(), null);
            int angle = decoded.IndexOf('<');
            return angle < 0 ? decoded : decoded[..angle];
        }

        private string Parameters(BlobHandle signature)
        {
            var blob = reader.GetBlobReader(signature);
            if (blob.ReadSignatureHeader().Kind != SignatureKind.Method) return "";
            blob.Reset();
            return "(" + string.Join(",", decoder.DecodeMethodSignature(ref blob).ParameterTypes) + ")";
        }

        private static int OperandSize(ILOpCode op) => op switch
        {
            ILOpCode.Ldarg_s or ILOpCode.Ldarga_s or ILOpCode.Starg_s or ILOpCode.Ldloc_s or ILOpCode.Ldloca_s or ILOpCode.Stloc_s
                or ILOpCode.Ldc_i4_s or ILOpCode.Br_s or ILOpCode.Brfalse_s or ILOpCode.Brtrue_s or ILOpCode.Beq_s or ILOpCode.Bge_s
                or ILOpCode.Bgt_s or ILOpCode.Ble_s or ILOpCode.Blt_s or ILOpCode.Bne_un_s or ILOpCode.Bge_un_s or ILOpCode.Bgt_un_s
                or ILOpCode.Ble_un_s or ILOpCode.Blt_un_s or ILOpCode.Leave_s or ILOpCode.Unaligned => 1,
            ILOpCode.Ldarg or ILOpCode.Ldarga or ILOpCode.Starg or ILOpCode.Ldloc or ILOpCode.Ldloca or ILOpCode.Stloc => 2,
            ILOpCode.Ldc_i8 or ILOpCode.Ldc_r8 => 8,
            ILOpCode.Ldc_i4 or ILOpCode.Ldc_r4 or ILOpCode.Br or ILOpCode.Brfalse or ILOpCode.Brtrue or ILOpCode.Beq or ILOpCode.Bge
                or ILOpCode.Bgt or ILOpCode.Ble or ILOpCode.Blt or ILOpCode.Bne_un or ILOpCode.Bge_un or ILOpCode.Bgt_un or ILOpCode.Ble_un
                or ILOpCode.Blt_un or ILOpCode.Leave or ILOpCode.Jmp or ILOpCode.Calli or ILOpCode.Ldstr or ILOpCode.Ldfld
                or ILOpCode.Ldflda or ILOpCode.Stfld or ILOpCode.Ldsfld or ILOpCode.Ldsflda or ILOpCode.Stsfld or ILOpCode.Ldtoken
                or ILOpCode.Box or ILOpCode.Unbox or ILOpCode.Unbox_any or ILOpCode.Castclass or ILOpCode.Isinst or ILOpCode.Newarr
                or ILOpCode.Ldelema or ILOpCode.Ldelem or ILOpCode.Stelem or ILOpCode.Ldobj or ILOpCode.Stobj or ILOpCode.Cpobj
                or ILOpCode.Initobj or ILOpCode.Sizeof or ILOpCode.Mkrefany or ILOpCode.Refanyval or ILOpCode.Constrained => 4,
            _ => 0,
        };
    }

    /// <summary>Type names as "Namespace.Outer.Inner", primitive names, and generic arguments in angle brackets.</summary>
    private sealed class TypeNames : ISignatureTypeProvider<string, object?>
    {
        public static string Definition(MetadataReader r, TypeDefinitionHandle handle)
        {
            var type = r.GetTypeDefinition(handle);
            var outer = type.GetDeclaringType();
            return (outer.IsNil ? r.GetString(type.Namespace) : Definition(r, outer)) + "." + r.GetString(type.Name);
        }

        public static string Reference(MetadataReader r, TypeReferenceHandle handle)
        {
            var type = r.GetTypeReference(handle);
            string scope = type.ResolutionScope.Kind == HandleKind.TypeReference
                ? Reference(r, (TypeReferenceHandle)type.ResolutionScope)
                : r.GetString(type.Namespace);
            return scope + "." + r.GetString(type.Name);
        }

        public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[,]";
        public string GetByReferenceType(string elementType) => elementType + "&";
        public string GetFunctionPointerType(MethodSignature<string> signature) => "fnptr";
        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) => $"{genericType}<{string.Join(",", typeArguments)}>";
        public string GetGenericMethodParameter(object? genericContext, int index) => "!!" + index;
        public string GetGenericTypeParameter(object? genericContext, int index) => "!" + index;
        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;
        public string GetPinnedType(string elementType) => elementType;
        public string GetPointerType(string elementType) => elementType + "*";
        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();
        public string GetSZArrayType(string elementType) => elementType + "[]";
        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => Definition(reader, handle);
        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => Reference(reader, handle);
        public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
    }
}
