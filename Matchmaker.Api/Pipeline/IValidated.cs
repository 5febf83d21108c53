using Matchmaker.Model.Domain;

namespace Matchmaker.Api.Pipeline;

/// <summary>A message that can check its own input before its handler runs.</summary>
public interface IValidated
{
    ValidationErrors Validate();
}
